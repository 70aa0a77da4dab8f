using System.Text;

namespace PainBilling.Rules.ReferenceData.Import;

/// <summary>Splits the lines of a CSV export (RFC 4180 quoting; fields with commas or quotes are quoted).</summary>
internal static class Csv
{
    public static IEnumerable<(int Line, IReadOnlyList<string> Fields)> Rows(byte[] content, char separator = ',')
    {
        var number = 0;
        foreach (var line in Icd10CmReader.Lines(content))
        {
            number++;
            if (line.Trim().Length > 0)
            {
                yield return (number, Split(line, separator));
            }
        }
    }

    public static IReadOnlyList<string> Split(string line, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString().Trim());
        return fields;
    }

    /// <summary>Whether a field is a HCPCS/CPT code (5 characters, letters and digits): tells data rows from header and copyright lines.</summary>
    public static bool IsHcpcs(string field) => field.Length == 5 && field.All(char.IsAsciiLetterOrDigit);
}
