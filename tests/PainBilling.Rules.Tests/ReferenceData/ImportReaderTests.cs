using System.Text;
using System.Text.Json;
using PainBilling.Rules.Cli;
using PainBilling.Rules.ReferenceData.Import;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Tests.ReferenceData;

/// <summary>
/// The importers read small files written in the official CMS/CDC layouts (placeholder descriptions, never AMA text),
/// and what they write loads as a reference table.
/// </summary>
public sealed class ImportReaderTests : IDisposable
{
    private static readonly ImportOptions Q4 = new("2026Q4", new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), null);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "painrules-import-" + Guid.NewGuid().ToString("N"));

    public ImportReaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // ICD-10-CM order file: order number 1-5, code 7-13, header flag 15, short description 17-76, long description 78-.
    private static string OrderLine(int order, string code, char flag, string text)
        => $"{order:00000} {code,-7} {flag} {text,-60} {text} (long)";

    [Fact]
    public void Icd10cm_order_file_gives_billable_and_header_codes_sorted()
    {
        var order = string.Join("\r\n",
            OrderLine(1, "M545", '0', "Placeholder header"),
            OrderLine(2, "M5450", '1', "Placeholder one"),
            OrderLine(3, "M5416", '1', "Placeholder two"),
            OrderLine(4, "M54", '0', "Placeholder category")) + "\r\n";
        var codes = "M5416   Placeholder two\r\nM5450   Placeholder one\r\n";

        var table = Icd10CmReader.Read(Bytes(order), "icd10cm-order-2099.txt", Bytes(codes), "icd10cm-codes-2099.txt", Q4 with { Version = "FY2099" });

        table.Table.Should().Be("icd10cm-codes");
        table.Rows.Select(r => r.ToJsonString()).Should().Equal(
            """{"Status":"Billable","Count":2,"Source":"order file flag 1","Codes":["M5416","M5450"]}""",
            """{"Status":"Header","Count":2,"Source":"order file flag 0","Codes":["M54","M545"]}""");
        table.Sources[0].Should().Contain("icd10cm-order-2099.txt").And.Contain("sha256");
    }

    [Fact]
    public void Icd10cm_file_that_is_not_the_order_layout_is_refused_with_its_line()
    {
        var act = () => Icd10CmReader.Read(Bytes("M5416,1,Placeholder\n"), "wrong.txt", null, null, Q4);

        act.Should().Throw<ReferenceImportException>().WithMessage("*wrong.txt line 1*order number in columns 1-5*");
    }

    [Fact]
    public void Icd10cm_code_file_that_disagrees_with_the_order_file_is_refused()
    {
        var act = () => Icd10CmReader.Read(Bytes(OrderLine(1, "M5416", '1', "x") + "\n"), "order.txt", Bytes("M5417   other\n"), "codes.txt", Q4);

        act.Should().Throw<ReferenceImportException>().WithMessage("*disagree*");
    }

    [Fact]
    public void Pprrvu_reads_glob_days_and_bilat_surg_by_column_after_the_header_lines()
    {
        var header = "2099 National Physician Fee Schedule Relative Value File placeholder title\n"
            + "CPT codes and descriptions only are copyright placeholder notice\n"
            + ",,,,NOT USED FOR,,NON-FAC,NON-FAC,FACILITY,FACILITY,,NON-FACILITY,FACILITY,PCTC,GLOB,PRE,INTRA,POST,MULT,BILAT,ASST,CO-,TEAM\n"
            + "HCPCS,MOD,DESCRIPTION,STATUS CODE,MEDICARE PAYMENT,WORK RVU,PE RVU,NA INDICATOR,PE RVU,NA INDICATOR,MP RVU,TOTAL,TOTAL,IND,DAYS,OP,OP,OP,PROC,SURG,SURG,SURG,SURG,,ENDO BASE,CONV FACTOR\n";
        var rows = "64483,,\"Placeholder, one\",A,,1.90,5.00,,1.00,,0.10,7.00,3.00,0,000,0.10,0.80,0.10,2,1,1,0,0,9,,33.4009\n"
            + "64483,26,Placeholder,A,,1.90,5.00,,1.00,,0.10,7.00,3.00,0,000,0.10,0.80,0.10,2,1,1,0,0,9,,33.4009\n"
            + "62323,,Placeholder,A,,1.80,5.00,,1.00,,0.10,7.00,3.00,0,000,0.10,0.80,0.10,2,9,1,0,0,9,,33.4009\n"
            + "99999,,Placeholder,A,,1.80,5.00,,1.00,,0.10,7.00,3.00,0,XXX,0.10,0.80,0.10,0,0,1,0,0,9,,33.4009\n";
        var options = Q4 with { Version = "RVU99D", Codes = new HashSet<string> { "64483", "62323" } };

        var tables = PfsRelativeValueReader.Read(Bytes(header + rows), "PPRRVU99_OCT.csv", options);

        tables.Select(t => t.Table).Should().Equal("global-days", "bilateral-indicators");
        tables[0].Rows.Select(r => r.ToJsonString()).Should().Equal(
            """{"Code":"62323","Global":"000","Verified":true,"Source":"PPRRVU99_OCT.csv, status A"}""",
            """{"Code":"64483","Global":"000","Verified":true,"Source":"PPRRVU99_OCT.csv, status A"}""");
        tables[1].Rows.Select(r => (int)r["Indicator"]!).Should().Equal(9, 1);
    }

    [Fact]
    public void Pprrvu_bad_indicator_names_line_and_column()
    {
        var act = () => PfsRelativeValueReader.Read(Bytes("64483,,x,A,,1,1,,1,,1,1,1,0,000,0,0,0,2,7,1,0,0\n"), "PPRRVU.csv", Q4);

        act.Should().Throw<ReferenceImportException>().WithMessage("*line 1*BILAT SURG '7'*column 20*");
    }

    [Fact]
    public void Aoc_export_reads_julian_dates_per_edit()
    {
        var csv = "Add-on Code,Add-on Code Deletion Date,Primary Code,Primary Code Deletion Date,AOC Edit Type,AOC Edit Effective Date,AOC Edit Deletion Date,Special Instruction Notes\n"
            + "64494,,64493,,1,2013001,,\n"
            + "64494,,64490,,1,2023001,,\n"
            + "77003,,62270,,1,2017001,2019365,\n"
            + "99999,,11111,,2,2017001,,\n";
        var options = Q4 with { Version = "AOC-2099Q4", Codes = new HashSet<string> { "64494", "77003" } };

        var table = AocReader.Read(Bytes(csv), "AOC_V2099Q4.csv", options);

        table.Rows.Select(r => r.ToJsonString()).Should().Equal(
            """{"AddOn":"64494","Primaries":[{"Code":"64490","From":"2023-01-01","To":null},{"Code":"64493","From":"2013-01-01","To":null}],"AocType":1,"Period":"Day","Verified":true,"Source":"AOC_V2099Q4.csv"}""",
            """{"AddOn":"77003","Primaries":[{"Code":"62270","From":"2017-01-01","To":"2019-12-31"}],"AocType":1,"Period":"Day","Verified":true,"Source":"AOC_V2099Q4.csv"}""");
    }

    [Fact]
    public void Aoc_without_its_header_row_is_refused()
    {
        var act = () => AocReader.Read(Bytes("64494,,64493,,1,2013001,,\n"), "AOC.csv", Q4);

        act.Should().Throw<ReferenceImportException>().WithMessage("*'Add-on Code'*");
    }

    [Fact]
    public void Mue_csv_skips_header_and_copyright_lines_and_reads_the_mai_number()
    {
        var csv = "Medicare NCCI Practitioner Services MUE Table - placeholder title\n"
            + "\"CPT codes, descriptions and other data only are copyright placeholder notice.\"\n"
            + "HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\n"
            + "64483,1,2 Date of Service Edit: Policy,Placeholder rationale\n"
            + "64484,4,3 Date of Service Edit: Clinical,Placeholder rationale\n";

        var table = MueReader.Read(Bytes(csv), "MCR_MUE_PractitionerServices_Eff_10-01-2099.csv", Q4);

        table.Rows.Select(r => r.ToJsonString()).Should().Equal(
            """{"Code":"64483","Value":1,"Mai":2,"Verified":true,"Source":"MCR_MUE_PractitionerServices_Eff_10-01-2099.csv"}""",
            """{"Code":"64484","Value":4,"Mai":3,"Verified":true,"Source":"MCR_MUE_PractitionerServices_Eff_10-01-2099.csv"}""");
    }

    [Fact]
    public void Mue_bad_value_names_the_line()
    {
        var act = () => MueReader.Read(Bytes("64483,one,2 Policy,x\n"), "MUE.csv", Q4);

        act.Should().Throw<ReferenceImportException>().WithMessage("*MUE.csv line 1*'one'*");
    }

    [Fact]
    public void Ptp_files_keep_the_rows_in_force_on_the_window()
    {
        var f1 = "Column 1\tColumn 2\t*=In existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale\n"
            + "64483\t99213\t\t20201001\t*\t1\tPlaceholder rationale\n"
            + "64483\t99213\t\t20130701\t20191231\t1\tPlaceholder rationale\n"
            + "62323\t64483\t\t20170101\t*\t1\tPlaceholder rationale\n";
        var f2 = "64772\t64493\t\t20100101\t*\t0\tPlaceholder rationale\n"
            + "64483\t76942\t\t20270101\t*\t1\tPlaceholder rationale (future)\n";

        var table = PtpReader.Read([(Bytes(f1), "ccipra-v993r0-f1.txt"), (Bytes(f2), "ccipra-v993r0-f2.txt")], Q4 with { Version = "v99.3" });

        table.Rows.Select(r => $"{r["Column1"]}/{r["Column2"]}/{r["ModifierIndicator"]}").Should().Equal("62323/64483/1", "64483/99213/1", "64772/64493/0");
        table.Sources[0].Should().Contain("ccipra-v993r0-f1.txt").And.Contain("ccipra-v993r0-f2.txt");
    }

    [Fact]
    public void Ptp_bad_date_names_the_file_and_line()
    {
        var act = () => PtpReader.Read([(Bytes("64483\t99213\t\t2020-10-01\t*\t1\tx\n"), "f1.txt")], Q4);

        act.Should().Throw<ReferenceImportException>().WithMessage("*f1.txt line 1*'2020-10-01'*YYYYMMDD*");
    }

    [Fact]
    public void Imported_tables_load_and_replace_the_shipped_quarter()
    {
        using var copy = RulesFolderCopy.Create();
        var mue = Path.Combine(_dir, "MCR_MUE_PractitionerServices_Eff_10-01-2026.csv");
        File.WriteAllText(mue, "HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\n64493,1,2 Date of Service Edit: Policy,Placeholder\n");
        var target = copy.Path("reference/mue-practitioner.2026q4.json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = PainRulesCommand.Run(["reference", "import", "mue", "--file", mue, "--version", "2026Q4", "--from", "2026-10-01", "--to", "2026-12-31", "--out", target, "--rules", copy.Root], stdout, stderr);

        exit.Should().Be(0, stderr.ToString());
        stdout.ToString().Should().Contain("mue-practitioner version 2026Q4, 2026-10-01..2026-12-31, 1 rows");
        var library = RuleLibrary.Load(RulesSource.FromFolder(copy.Root));
        var mueRow = library.DataFor(new DateOnly(2026, 11, 2)).Mue("64493");
        mueRow.Should().NotBeNull();
        mueRow!.Verified.Should().BeTrue();
        JsonDocument.Parse(File.ReadAllText(target)).RootElement.GetProperty("Sources")[0].GetString().Should().Contain("sha256");
    }

    [Fact]
    public void Reference_command_lists_tables_and_the_calendar()
    {
        var stdout = new StringWriter();

        var exit = PainRulesCommand.Run(["reference", "--rules", Repository.RulesJson], stdout, new StringWriter());

        exit.Should().Be(0);
        var text = stdout.ToString();
        text.Should().Contain("icd10cm-codes          FY2027                     2026-10-01..2027-09-30     98,403");
        text.Should().MatchRegex(@"MUE units[^\n]*\n\s+2026-07-01\.\.2026-09-30\s+checked \(2026Q3\)\n\s+2026-10-01\.\.2026-12-31");
        text.Should().Contain("2013-04-01..2026-06-30   checked (AOC-2026Q2)");
    }

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);
}
