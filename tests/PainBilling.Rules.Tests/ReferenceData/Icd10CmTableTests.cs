using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Tests.ReferenceData;

/// <summary>The shipped ICD-10-CM fiscal-year tables: lookups by date of service, and the loader's checks of the compact form.</summary>
public sealed class Icd10CmTableTests
{
    private const string Fy2026 = "reference/icd10cm-codes.fy2026.json";

    [Theory]
    [InlineData("2026-03-10", "M54.16", "Billable")]
    [InlineData("2026-03-10", "M5416", "Billable")]
    [InlineData("2026-03-10", "M54.5", "Header")]
    [InlineData("2026-03-10", "M54.99", "Unknown")]
    [InlineData("2026-09-30", "M72.2", "Billable")]
    [InlineData("2026-10-01", "M72.2", "Header")]
    [InlineData("2026-10-01", "M72.21", "Billable")]
    [InlineData("2026-09-30", "M67.A01", "Unknown")]
    [InlineData("2025-09-30", "M54.16", "")]
    [InlineData("2027-10-01", "M54.16", "")]
    public void Status_is_that_of_the_fiscal_year_of_the_date(string date, string diagnosis, string expected)
    {
        var data = TestRules.Library.DataFor(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        data.Icd10Status(diagnosis).Should().Be(expected);
    }

    [Fact]
    public void Both_fiscal_years_are_loaded_in_full_with_their_windows()
    {
        var versions = TestRules.Library.Loaded.Tables.Versions.Where(v => v.Name == ReferenceTableNames.Icd10CmCodes).OrderBy(v => v.Effective.From).ToList();

        versions.Select(v => $"{v.Version} {v.Effective}").Should().Equal("FY2026 2025-10-01..2026-09-30", "FY2027 2026-10-01..2027-09-30");
        versions.Select(v => v.Rows.Cast<Icd10CmCodeListRow>().Single(r => r.Status == Icd10CmCodeStatus.Billable).Codes.Length).Should().Equal(74_719, 74_879);
        versions.Select(v => v.Rows.Cast<Icd10CmCodeListRow>().Single(r => r.Status == Icd10CmCodeStatus.Header).Codes.Length).Should().Equal(23_467, 23_524);
    }

    [Fact]
    public void A_code_deleted_or_not_yet_valid_names_the_year_it_is_billable_in()
    {
        TestRules.Library.DataFor(new DateOnly(2026, 9, 30)).Icd10BillableElsewhere("M67.A01").Should().Be("billable in ICD-10-CM FY2027 (2026-10-01..2027-09-30)");
        TestRules.Library.DataFor(new DateOnly(2026, 10, 2)).Icd10BillableElsewhere("S23.420A").Should().Be("billable in ICD-10-CM FY2026 (2025-10-01..2026-09-30)");
        TestRules.Library.DataFor(new DateOnly(2026, 10, 2)).Icd10BillableElsewhere("M54.99").Should().BeEmpty();
    }

    [Fact]
    public void Unsorted_codes_are_a_load_error()
    {
        using var copy = RulesFolderCopy.Create();
        Edit(copy, "\"A000\",\"A001\",", "\"A001\",\"A000\",");

        var error = LoadError(copy);

        error.File.Should().Be(Fy2026);
        error.Reason.Should().Contain("sorted").And.Contain("A000");
    }

    [Fact]
    public void A_count_that_disagrees_with_the_codes_is_a_load_error()
    {
        using var copy = RulesFolderCopy.Create();
        Edit(copy, "\"Count\": 74719", "\"Count\": 74720");

        var error = LoadError(copy);

        error.File.Should().Be(Fy2026);
        error.Reason.Should().Contain("Count is 74720 but Codes holds 74719");
    }

    [Fact]
    public void A_dotted_code_is_a_load_error()
    {
        using var copy = RulesFolderCopy.Create();
        Edit(copy, "\"A000\",", "\"A00.0\",");

        LoadError(copy).Reason.Should().Contain("'A00.0' is not an ICD-10-CM code without the dot");
    }

    private static void Edit(RulesFolderCopy copy, string from, string to)
    {
        var path = copy.Path(Fy2026);
        var text = File.ReadAllText(path);
        text.Should().Contain(from);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static RuleSetLoadException LoadError(RulesFolderCopy copy)
    {
        var act = () => RuleLibrary.Load(RulesSource.FromFolder(copy.Root));
        return act.Should().Throw<RuleSetLoadException>().Which;
    }
}
