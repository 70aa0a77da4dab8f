using System.CommandLine;
using System.Globalization;
using PainBilling.Rules.ReferenceData;
using PainBilling.Rules.ReferenceData.Import;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Cli;

/// <summary>
/// <c>painrules reference</c>: the loaded reference tables (version, window, rows) and the calendar of dates each edit
/// checks; <c>painrules reference import KIND</c>: turn an official CMS/CDC file into a reference-table version.
/// </summary>
internal static class ReferenceCommand
{
    public static Command Create(Option<string?> rulesOption, TextWriter stdout, TextWriter stderr)
    {
        var list = new Command("reference", "List every loaded reference table (version, window, rows) and the calendar of dates of service each edit checks; 'reference import' reads official CMS/CDC files") { rulesOption };
        list.SetAction(parse => List(parse.GetValue(rulesOption), stdout, stderr));

        var import = new Command("import", "Import an official file (ICD-10-CM code/order files, PPRRVU CSV, NCCI AOC CSV, MUE CSV, PTP f1-f4) as a reference-table version");
        list.Subcommands.Add(import);

        var version = new Option<string>("--version") { Description = "Table version, e.g. 2026Q4, v32.3, FY2027, RVU26D", Required = true };
        var from = new Option<string>("--from") { Description = "First date of service (yyyy-MM-dd)", Required = true };
        var to = new Option<string?>("--to") { Description = "Last date of service (yyyy-MM-dd); omit for open-ended" };
        var all = new Option<bool>("--all") { Description = "Keep every row (default: only rows touching the codes of the rules' procedure-codes and code-sets tables)" };
        var rules = new Option<string?>("--rules") { Description = "Rules folder whose codes filter the rows (default: the embedded rules)", HelpName = "DIR" };
        var file = new Option<string[]>("--file") { Description = "The official file (PTP: repeat for f1-f4)", Required = true, AllowMultipleArgumentsPerToken = false };
        var output = new Option<string>("--out") { Description = "Table file to write", Required = true };
        var outDir = new Option<string>("--out-dir") { Description = "Folder for the table files (PPRRVU gives global-days and bilateral-indicators)", Required = true };
        var order = new Option<string>("--order") { Description = "ICD-10-CM order file (icd10cm-order-YYYY.txt)", Required = true };
        var codes = new Option<string?>("--codes") { Description = "ICD-10-CM code file (icd10cm-codes-YYYY.txt), cross-checked against the order file" };

        var icd = new Command("icd10cm", "ICD-10-CM order file (and code file) of one fiscal year: every code, billable and header") { order, codes, version, from, to, output };
        icd.SetAction(parse => Run(stdout, stderr, () =>
        {
            var options = Options(parse.GetRequiredValue(version), parse.GetRequiredValue(from), parse.GetValue(to), null);
            var codesPath = parse.GetValue(codes);
            var table = Icd10CmReader.Read(File.ReadAllBytes(parse.GetRequiredValue(order)), Path.GetFileName(parse.GetRequiredValue(order)), codesPath is null ? null : File.ReadAllBytes(codesPath), codesPath is null ? null : Path.GetFileName(codesPath), options);
            return [(table, parse.GetRequiredValue(output))];
        }));

        var pfs = new Command("pprrvu", "CMS PFS relative value file (PPRRVU CSV): global days and bilateral indicators") { file, version, from, to, all, rules, outDir };
        pfs.SetAction(parse => Run(stdout, stderr, () =>
        {
            var path = parse.GetRequiredValue(file).Single();
            var options = Options(parse.GetRequiredValue(version), parse.GetRequiredValue(from), parse.GetValue(to), parse.GetValue(all) ? null : Filter(parse.GetValue(rules)));
            var dir = parse.GetRequiredValue(outDir);
            return PfsRelativeValueReader.Read(File.ReadAllBytes(path), Path.GetFileName(path), options)
                .Select(t => (t, Path.Combine(dir, $"{t.Table}.{Slug(t.Version)}.json"))).ToList();
        }));

        var aoc = new Command("aoc", "CMS NCCI add-on code table (CSV export of the AOC xlsx)") { file, version, from, to, all, rules, output };
        aoc.SetAction(parse => Single(parse, stdout, stderr, (bytes, name, options) => AocReader.Read(bytes, name, options), file, version, from, to, all, rules, output));

        var mue = new Command("mue", "CMS NCCI practitioner MUE CSV") { file, version, from, to, all, rules, output };
        mue.SetAction(parse => Single(parse, stdout, stderr, (bytes, name, options) => MueReader.Read(bytes, name, options), file, version, from, to, all, rules, output));

        var ptp = new Command("ptp", "CMS NCCI practitioner PTP tab-delimited files (f1-f4; repeat --file)") { file, version, from, to, all, rules, output };
        ptp.SetAction(parse => Run(stdout, stderr, () =>
        {
            var options = Options(parse.GetRequiredValue(version), parse.GetRequiredValue(from), parse.GetValue(to), parse.GetValue(all) ? null : Filter(parse.GetValue(rules)));
            var files = parse.GetRequiredValue(file).Select(f => (File.ReadAllBytes(f), Path.GetFileName(f))).ToList();
            return [(PtpReader.Read(files, options), parse.GetRequiredValue(output))];
        }));

        import.Subcommands.Add(icd);
        import.Subcommands.Add(pfs);
        import.Subcommands.Add(aoc);
        import.Subcommands.Add(mue);
        import.Subcommands.Add(ptp);
        return list;
    }

    internal static int List(string? folder, TextWriter stdout, TextWriter stderr)
    {
        var library = PainRulesCommand.LoadRules(folder, stderr);
        if (library is null)
        {
            return ExitCodes.RuleError;
        }

        stdout.WriteLine($"Reference tables ({library.Source}):");
        stdout.WriteLine($"  {"Table",-22} {"Version",-26} {"Dates of service",-24} {"Rows",8}  Verified");
        foreach (var t in ReferenceCatalogue.Tables(library))
        {
            var verified = t.HasVerifiedFlag ? $"{t.VerifiedRows} of {t.Rows}" : "n/a";
            stdout.WriteLine($"  {t.Table,-22} {t.Version,-26} {t.Effective,-24} {t.Rows.ToString("N0", CultureInfo.InvariantCulture),8}  {verified}");
        }

        stdout.WriteLine();
        stdout.WriteLine("Calendar: dates of service each edit checks (dates not listed are not checked by it):");
        foreach (var edit in ReferenceCatalogue.Calendar(library))
        {
            stdout.WriteLine($"  {edit.Edit} [{edit.Table}]; {edit.Note}");
            if (edit.Periods.Count == 0)
            {
                stdout.WriteLine("    no table loaded: not checked on any date");
            }

            foreach (var (window, basis) in edit.Periods)
            {
                stdout.WriteLine($"    {window,-24} {basis}");
            }
        }

        return ExitCodes.Success;
    }

    private static int Single(System.CommandLine.ParseResult parse, TextWriter stdout, TextWriter stderr, Func<byte[], string, ImportOptions, ImportedTable> read,
        Option<string[]> file, Option<string> version, Option<string> from, Option<string?> to, Option<bool> all, Option<string?> rules, Option<string> output)
        => Run(stdout, stderr, () =>
        {
            var path = parse.GetRequiredValue(file).Single();
            var options = Options(parse.GetRequiredValue(version), parse.GetRequiredValue(from), parse.GetValue(to), parse.GetValue(all) ? null : Filter(parse.GetValue(rules)));
            return [(read(File.ReadAllBytes(path), Path.GetFileName(path), options), parse.GetRequiredValue(output))];
        });

    private static int Run(TextWriter stdout, TextWriter stderr, Func<IReadOnlyList<(ImportedTable Table, string Path)>> import)
    {
        try
        {
            foreach (var (table, path) in import())
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(path));
                if (dir is not null)
                {
                    Directory.CreateDirectory(dir);
                }

                File.WriteAllText(path, table.ToJson());
                stdout.WriteLine($"wrote {path}: table {table.Table} version {table.Version}, {table.From:yyyy-MM-dd}..{(table.To is null ? "open" : table.To.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}, {table.Rows.Count} rows");
            }

            stdout.WriteLine("Next: make the versions it replaces end the day before (versions must not overlap), then painrules validate and painrules test.");
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is ReferenceImportException or IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            stderr.WriteLine($"painrules: import failed: {ex.Message}");
            return ex is ReferenceImportException ? ExitCodes.RuleError : ExitCodes.Usage;
        }
    }

    private static ImportOptions Options(string version, string from, string? to, IReadOnlySet<string>? codes)
        => new(version, DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture), to is null ? null : DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture), codes);

    /// <summary>The codes of the rules' procedure-codes and code-sets tables: our families, E/M, guidance and their partners.</summary>
    private static HashSet<string> Filter(string? folder)
    {
        var library = RuleLibrary.Load(folder is null ? RulesSource.Embedded : RulesSource.FromFolder(folder));
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in library.Loaded.Tables.Versions)
        {
            foreach (var row in version.Rows)
            {
                switch (row)
                {
                    case ProcedureCodeRow p: codes.Add(p.Code); break;
                    case CodeSetRow s: codes.UnionWith(s.Codes.Where(Csv.IsHcpcs)); break;
                    case AddOnCodeRow a: codes.Add(a.AddOn); break;
                }
            }
        }

        return codes;
    }

    private static string Slug(string version) => new(version.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}
