using System.Text.Json.Nodes;

namespace PainBilling.Rules.ReferenceData.Import;

/// <summary>
/// Reads the CMS PFS relative value file PPRRVUyy_xxx.csv. The file starts with title, copyright and a two-line column
/// header; data rows are recognised by a 5-character HCPCS in column 1. Column positions (0-based) of the CMS layout:
/// 0 HCPCS, 1 MOD, 2 DESCRIPTION, 3 STATUS CODE, 4 NOT USED FOR MEDICARE PAYMENT, 5 WORK RVU, ... 13 PCTC IND,
/// 14 GLOB DAYS, 15 PRE OP, 16 INTRA OP, 17 POST OP, 18 MULT PROC, 19 BILAT SURG, 20 ASST SURG, 21 CO-SURG, 22 TEAM SURG.
/// Only the rows without a modifier are read (the -26/-TC rows repeat the indicators); descriptions are never kept.
/// Produces two tables: <c>global-days</c> and <c>bilateral-indicators</c>.
/// </summary>
internal static class PfsRelativeValueReader
{
    private const int Hcpcs = 0, Modifier = 1, Status = 3, GlobalDays = 14, BilateralSurgery = 19;

    public static IReadOnlyList<ImportedTable> Read(byte[] file, string name, ImportOptions options)
    {
        var global = new List<JsonObject>();
        var bilateral = new List<JsonObject>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, fields) in Csv.Rows(file))
        {
            if (fields.Count == 0 || !Csv.IsHcpcs(fields[Hcpcs]))
            {
                continue;
            }

            if (fields.Count <= BilateralSurgery)
            {
                throw new ReferenceImportException($"{name} line {line}: {fields.Count} columns; the PPRRVU layout has BILAT SURG in column {BilateralSurgery + 1}");
            }

            var code = fields[Hcpcs];
            if (fields[Modifier].Length > 0 || !options.Keeps(code) || !seen.Add(code))
            {
                continue;
            }

            var days = fields[GlobalDays];
            if (days is not ("000" or "010" or "090" or "MMM" or "XXX" or "YYY" or "ZZZ"))
            {
                throw new ReferenceImportException($"{name} line {line}: GLOB DAYS '{days}' for {code} is not 000, 010, 090, MMM, XXX, YYY or ZZZ (column {GlobalDays + 1})");
            }

            if (!int.TryParse(fields[BilateralSurgery], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var indicator) || indicator is not (0 or 1 or 2 or 3 or 9))
            {
                throw new ReferenceImportException($"{name} line {line}: BILAT SURG '{fields[BilateralSurgery]}' for {code} is not 0, 1, 2, 3 or 9 (column {BilateralSurgery + 1})");
            }

            var source = $"{name}, status {fields[Status]}";
            global.Add(new JsonObject { ["Code"] = code, ["Global"] = days, ["Verified"] = true, ["Source"] = source });
            bilateral.Add(new JsonObject { ["Code"] = code, ["Indicator"] = indicator, ["Verified"] = true, ["Source"] = source });
        }

        if (global.Count == 0)
        {
            throw new ReferenceImportException($"{name}: no data row (5-character HCPCS in column 1{(options.Codes is null ? string.Empty : " and a code of the filter")}) found");
        }

        var file0 = SourceFile.Of(name, file);
        return
        [
            new ImportedTable("global-days", options.Version, options.From, options.To, [$"CMS PFS relative value file {file0}, column GLOB DAYS; applied to {options.Window}"], Sorted(global)),
            new ImportedTable("bilateral-indicators", options.Version, options.From, options.To, [$"CMS PFS relative value file {file0}, column BILAT SURG; applied to {options.Window}"], Sorted(bilateral)),
        ];
    }

    private static List<JsonObject> Sorted(List<JsonObject> rows) => rows.OrderBy(r => (string)r["Code"]!, StringComparer.Ordinal).ToList();
}
