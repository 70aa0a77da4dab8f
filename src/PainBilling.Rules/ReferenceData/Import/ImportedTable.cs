using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PainBilling.Rules.ReferenceData.Import;

/// <summary>The official file a table is imported from: its name, SHA-256 and size (they go into the table's Sources).</summary>
internal sealed record SourceFile(string Name, string Sha256, long Bytes)
{
    public static SourceFile Of(string name, byte[] content) => new(name, Convert.ToHexStringLower(SHA256.HashData(content)), content.LongLength);

    public override string ToString() => $"{Name} ({Bytes:N0} bytes, sha256 {Sha256})";
}

/// <summary>What the importer needs besides the file: the version name, its window and an optional code filter.</summary>
/// <param name="Version">Table version, e.g. <c>2026Q4</c>.</param>
/// <param name="From">First date of service (inclusive).</param>
/// <param name="To">Last date of service (inclusive), or <see langword="null"/>.</param>
/// <param name="Codes">Keep only rows touching these codes (our families and their partners); <see langword="null"/> keeps every row.</param>
internal sealed record ImportOptions(string Version, DateOnly From, DateOnly? To, IReadOnlySet<string>? Codes)
{
    public bool Keeps(string code) => Codes is null || Codes.Contains(code);

    public string Window => $"{From:yyyy-MM-dd}..{(To is null ? "open" : To.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))}";
}

/// <summary>
/// One version of one reference table produced by an importer, ready to be written as a rules-json/reference file
/// (same shape as the files the loader reads: Table, Version, Effective, Sources, Rows).
/// </summary>
internal sealed record ImportedTable(string Table, string Version, DateOnly From, DateOnly? To, IReadOnlyList<string> Sources, IReadOnlyList<JsonObject> Rows)
{
    /// <summary>The table file's JSON (one row per line, so a quarterly refresh diffs row by row).</summary>
    public string ToJson()
    {
        var sb = new StringBuilder();
        sb.Append("{\n  \"$schema\": \"../schema/reference-table.schema.json\",\n");
        sb.Append("  \"Table\": ").Append(JsonSerializer.Serialize(Table)).Append(",\n");
        sb.Append("  \"Version\": ").Append(JsonSerializer.Serialize(Version)).Append(",\n");
        sb.Append("  \"Effective\": { \"From\": \"").Append(From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append("\", \"To\": ")
          .Append(To is null ? "null" : "\"" + To.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "\"").Append(" },\n");
        sb.Append("  \"Sources\": [\n").Append(string.Join(",\n", Sources.Select(s => "    " + JsonSerializer.Serialize(s)))).Append("\n  ],\n");
        sb.Append("  \"Rows\": [\n").Append(string.Join(",\n", Rows.Select(r => "    " + r.ToJsonString()))).Append("\n  ]\n}\n");
        return sb.ToString();
    }
}

/// <summary>A file that does not have the official layout: names the file, the line and what was expected.</summary>
internal sealed class ReferenceImportException(string message) : Exception(message);
