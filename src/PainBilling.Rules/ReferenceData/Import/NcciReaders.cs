using System.Globalization;
using System.Text.Json.Nodes;

namespace PainBilling.Rules.ReferenceData.Import;

/// <summary>
/// Reads the CSV export of the CMS NCCI add-on code table (AOC_Vyyyyqn). Columns are found by their header names
/// (the export's header row holds "Add-on Code", "Add-on Code Deletion Date", "Primary Code", "Primary Code Deletion Date",
/// "AOC Edit Type", "AOC Edit Effective Date", "AOC Edit Deletion Date", "Special Instruction Notes"); dates are Julian
/// (YYYYDDD) as in the CMS file. Rows whose add-on or primary is in the code filter are kept.
/// </summary>
internal static class AocReader
{
    public static ImportedTable Read(byte[] file, string name, ImportOptions options)
    {
        int[]? columns = null;
        var byAddOn = new SortedDictionary<string, (SortedSet<int> Types, List<JsonObject> Primaries)>(StringComparer.Ordinal);
        foreach (var (line, fields) in Csv.Rows(file))
        {
            if (columns is null)
            {
                columns = HeaderColumns(fields);
                continue;
            }

            var addOn = fields.ElementAtOrDefault(columns[0]) ?? string.Empty;
            if (!Csv.IsHcpcs(addOn))
            {
                continue;
            }

            var primary = fields.ElementAtOrDefault(columns[2]) ?? string.Empty;
            if (!options.Keeps(addOn) && !options.Keeps(primary))
            {
                continue;
            }

            if (!int.TryParse(fields.ElementAtOrDefault(columns[4]), NumberStyles.None, CultureInfo.InvariantCulture, out var type) || type is < 1 or > 3)
            {
                throw new ReferenceImportException($"{name} line {line}: AOC Edit Type '{fields.ElementAtOrDefault(columns[4])}' is not 1, 2 or 3");
            }

            var ends = new[] { columns[6], columns[3], columns[1] }.Select(c => Julian(name, line, fields.ElementAtOrDefault(c))).Where(d => d is not null).ToList();
            var entry = byAddOn.TryGetValue(addOn, out var e) ? e : byAddOn[addOn] = (new SortedSet<int>(), new List<JsonObject>());
            entry.Types.Add(type);
            if (Csv.IsHcpcs(primary))
            {
                entry.Primaries.Add(new JsonObject { ["Code"] = primary, ["From"] = Iso(Julian(name, line, fields.ElementAtOrDefault(columns[5]))), ["To"] = Iso(ends.Min()) });
            }
        }

        if (columns is null || byAddOn.Count == 0)
        {
            throw new ReferenceImportException($"{name}: no AOC row found (expected a header row with 'Add-on Code' and 'Primary Code' and rows below it)");
        }

        var rows = byAddOn.Select(kv => new JsonObject
        {
            ["AddOn"] = kv.Key,
            ["Primaries"] = new JsonArray(kv.Value.Primaries.OrderBy(p => (string)p["Code"]!, StringComparer.Ordinal).ThenBy(p => (string?)p["From"], StringComparer.Ordinal).Select(p => (JsonNode)p).ToArray()),
            ["AocType"] = kv.Value.Types.Min,
            ["Period"] = "Day",
            ["Verified"] = true,
            ["Source"] = name,
        }).ToList();
        return new ImportedTable("add-on-codes", options.Version, options.From, options.To,
            [$"CMS NCCI add-on code edits {SourceFile.Of(name, file)}; each primary with its edit's effective date and the earliest of its edit, primary and add-on deletion dates; applied to {options.Window}"], rows);
    }

    private static int[] HeaderColumns(IReadOnlyList<string> header)
    {
        int Find(Func<string, bool> match, string what)
        {
            var index = -1;
            for (var i = 0; i < header.Count && index < 0; i++)
            {
                index = match(header[i].ToUpperInvariant()) ? i : -1;
            }

            return index >= 0 ? index : throw new ReferenceImportException($"AOC file: the first row has no '{what}' column (found: {string.Join(" | ", header)})");
        }

        return
        [
            Find(h => h.Contains("ADD-ON CODE", StringComparison.Ordinal) && !h.Contains("DATE", StringComparison.Ordinal), "Add-on Code"),
            Find(h => h.Contains("ADD-ON CODE", StringComparison.Ordinal) && h.Contains("DELETION", StringComparison.Ordinal), "Add-on Code Deletion Date"),
            Find(h => h.Contains("PRIMARY CODE", StringComparison.Ordinal) && !h.Contains("DATE", StringComparison.Ordinal), "Primary Code"),
            Find(h => h.Contains("PRIMARY CODE", StringComparison.Ordinal) && h.Contains("DELETION", StringComparison.Ordinal), "Primary Code Deletion Date"),
            Find(h => h.Contains("EDIT TYPE", StringComparison.Ordinal), "AOC Edit Type"),
            Find(h => h.Contains("EDIT EFFECTIVE", StringComparison.Ordinal), "AOC Edit Effective Date"),
            Find(h => h.Contains("EDIT DELETION", StringComparison.Ordinal), "AOC Edit Deletion Date"),
        ];
    }

    /// <summary>A CMS Julian date (YYYYDDD, e.g. 2023001 = 2023-01-01); empty or '*' = none.</summary>
    internal static DateOnly? Julian(string name, int line, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim() == "*")
        {
            return null;
        }

        var v = value.Trim();
        if (v.Length != 7 || !v.All(char.IsAsciiDigit) || int.Parse(v.AsSpan(4), CultureInfo.InvariantCulture) is < 1 or > 366)
        {
            throw new ReferenceImportException($"{name} line {line}: '{v}' is not a Julian date (YYYYDDD)");
        }

        return new DateOnly(int.Parse(v.AsSpan(0, 4), CultureInfo.InvariantCulture), 1, 1).AddDays(int.Parse(v.AsSpan(4), CultureInfo.InvariantCulture) - 1);
    }

    internal static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Reads the CMS NCCI practitioner MUE CSV (MCR_MUE_PractitionerServices_Eff_mm-dd-yyyy.csv): title and copyright
/// lines, a header row ("HCPCS/CPT Code", "Practitioner Services MUE Values", "MUE Adjudication Indicator",
/// "MUE Rationale"), then one row per code; the MAI cell starts with its number ("3 Date of Service Edit: Clinical").
/// </summary>
internal static class MueReader
{
    public static ImportedTable Read(byte[] file, string name, ImportOptions options)
    {
        var rows = new List<JsonObject>();
        foreach (var (line, fields) in Csv.Rows(file))
        {
            if (fields.Count < 3 || !Csv.IsHcpcs(fields[0]))
            {
                continue;
            }

            if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new ReferenceImportException($"{name} line {line}: MUE value '{fields[1]}' for {fields[0]} is not a whole number (column 2)");
            }

            var mai = fields[2].Length > 0 && fields[2][0] is '1' or '2' or '3' ? fields[2][0] - '0' : throw new ReferenceImportException($"{name} line {line}: MUE adjudication indicator '{fields[2]}' does not start with 1, 2 or 3 (column 3)");
            if (options.Keeps(fields[0]))
            {
                rows.Add(new JsonObject { ["Code"] = fields[0], ["Value"] = value, ["Mai"] = mai, ["Verified"] = true, ["Source"] = name });
            }
        }

        if (rows.Count == 0)
        {
            throw new ReferenceImportException($"{name}: no MUE row found (a 5-character HCPCS in column 1, the value in 2, the MAI in 3)");
        }

        return new ImportedTable("mue-practitioner", options.Version, options.From, options.To,
        [
            $"CMS NCCI practitioner MUE table {SourceFile.Of(name, file)}; applied to {options.Window}",
            options.Codes is null ? "Every row of the file" : "Rows of our codes only: a code without a row is not checked (NCCI-DATA-002)",
        ], rows.OrderBy(r => (string)r["Code"]!, StringComparer.Ordinal).ToList());
    }
}

/// <summary>
/// Reads the CMS NCCI practitioner PTP files (ccipra-vNNNrN-f1..f4.txt), tab-delimited after their header lines:
/// column 1, column 2, '*' when in existence prior to 1996, effective date (YYYYMMDD), deletion date (YYYYMMDD or '*'),
/// modifier indicator (0, 1, 9), PTP edit rationale. Rows in force on the whole window (effective on or before its
/// first day, not deleted before its last) and touching the code filter are kept.
/// </summary>
internal static class PtpReader
{
    public static ImportedTable Read(IReadOnlyList<(byte[] Content, string Name)> files, ImportOptions options)
    {
        var rows = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (content, name) in files)
        {
            foreach (var (line, fields) in Csv.Rows(content, '\t'))
            {
                if (fields.Count < 6 || !Csv.IsHcpcs(fields[0]) || !Csv.IsHcpcs(fields[1]))
                {
                    continue;
                }

                var effective = Date(name, line, fields[3]) ?? throw new ReferenceImportException($"{name} line {line}: effective date missing (column 4)");
                var deleted = Date(name, line, fields[4]);
                if (fields[5] is not ("0" or "1" or "9"))
                {
                    throw new ReferenceImportException($"{name} line {line}: modifier indicator '{fields[5]}' is not 0, 1 or 9 (column 6)");
                }

                var inForce = effective <= options.From && (deleted is null || (options.To is { } to && deleted >= to));
                if (!inForce || (!options.Keeps(fields[0]) && !options.Keeps(fields[1])))
                {
                    continue;
                }

                rows[fields[0] + "/" + fields[1]] = new JsonObject
                {
                    ["Column1"] = fields[0],
                    ["Column2"] = fields[1],
                    ["ModifierIndicator"] = int.Parse(fields[5], CultureInfo.InvariantCulture),
                    ["Verified"] = true,
                    ["Source"] = $"{name} (effective {effective:yyyy-MM-dd})",
                };
            }
        }

        if (rows.Count == 0)
        {
            throw new ReferenceImportException($"{string.Join(", ", files.Select(f => f.Name))}: no PTP row in force on {options.Window} found (tab-delimited: column 1, column 2, prior-1996 flag, effective YYYYMMDD, deletion YYYYMMDD or *, modifier indicator)");
        }

        return new ImportedTable("ncci-ptp", options.Version, options.From, options.To,
        [
            $"CMS NCCI practitioner PTP edits {string.Join("; ", files.Select(f => SourceFile.Of(f.Name, f.Content).ToString()))}; rows in force on {options.Window}",
            options.Codes is null ? "Every row of the files" : "Rows touching our codes only: a pair without a row is not checked (NCCI-DATA-003)",
        ], rows.Values.ToList());
    }

    private static DateOnly? Date(string name, int line, string value)
    {
        var v = value.Trim();
        if (v is "" or "*")
        {
            return null;
        }

        return DateOnly.TryParseExact(v, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ReferenceImportException($"{name} line {line}: '{v}' is not a date (YYYYMMDD)");
    }
}
