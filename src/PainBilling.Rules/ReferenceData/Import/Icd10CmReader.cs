using System.Text;
using System.Text.Json.Nodes;

namespace PainBilling.Rules.ReferenceData.Import;

/// <summary>
/// Reads the CDC/CMS ICD-10-CM release files. Order file (icd10cm-order-YYYY.txt), fixed width: columns 1-5 order
/// number (zero-padded), 7-13 code (no dot, left-justified), 15 header flag (0 = header, not valid for submission;
/// 1 = valid for submission), 17-76 short description, 78- long description. Code file (icd10cm-codes-YYYY.txt):
/// the code in columns 1-7 and its description from column 9; it lists the billable codes only.
/// Descriptions are never kept.
/// </summary>
internal static class Icd10CmReader
{
    public static ImportedTable Read(byte[] orderFile, string orderName, byte[]? codesFile, string? codesName, ImportOptions options)
    {
        var billable = new SortedSet<string>(StringComparer.Ordinal);
        var headers = new SortedSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in Lines(orderFile))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 15 || !line[..5].All(char.IsAsciiDigit) || line[5] != ' ' || line[13] != ' ' || (line[14] != '0' && line[14] != '1'))
            {
                throw new ReferenceImportException($"{orderName} line {lineNumber}: not the ICD-10-CM order-file layout (order number in columns 1-5, code in 7-13, header flag 0/1 in 15)");
            }

            var code = line[6..13].Trim();
            (line[14] == '1' ? billable : headers).Add(code);
        }

        if (billable.Count == 0)
        {
            throw new ReferenceImportException($"{orderName}: no code with flag 1 (valid for submission) found");
        }

        var sources = new List<string> { $"ICD-10-CM order file {SourceFile.Of(orderName, orderFile)}: {billable.Count:N0} codes valid for submission (flag 1), {headers.Count:N0} headers (flag 0)" };
        if (codesFile is not null)
        {
            var codes = new SortedSet<string>(StringComparer.Ordinal);
            lineNumber = 0;
            foreach (var line in Lines(codesFile))
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                var code = line.Length >= 7 ? line[..7].Trim() : line.Trim();
                if (code.Length < 3 || code.Contains(' ', StringComparison.Ordinal))
                {
                    throw new ReferenceImportException($"{codesName} line {lineNumber}: not the ICD-10-CM code-file layout (code in columns 1-7)");
                }

                codes.Add(code);
            }

            if (!codes.SetEquals(billable))
            {
                var missing = codes.Except(billable).Concat(billable.Except(codes)).First();
                throw new ReferenceImportException($"{codesName}: the code file and the order file disagree (e.g. {missing}); use the two files of one release");
            }

            sources.Add($"ICD-10-CM code file {SourceFile.Of(codesName!, codesFile)}: equal to the order file's flag-1 codes");
        }

        sources.Add("Codes without the dot, sorted (ordinal) for binary search; descriptions are not shipped");
        return new ImportedTable("icd10cm-codes", options.Version, options.From, options.To, sources,
        [
            Row("Billable", billable, "order file flag 1"),
            Row("Header", headers, "order file flag 0"),
        ]);
    }

    private static JsonObject Row(string status, SortedSet<string> codes, string source) => new()
    {
        ["Status"] = status,
        ["Count"] = codes.Count,
        ["Source"] = source,
        ["Codes"] = new JsonArray(codes.Select(c => (JsonNode)c).ToArray()),
    };

    internal static IEnumerable<string> Lines(byte[] content)
    {
        using var reader = new StringReader(Encoding.Latin1.GetString(content));
        while (reader.ReadLine() is { } line)
        {
            yield return line.TrimEnd('\r');
        }
    }
}
