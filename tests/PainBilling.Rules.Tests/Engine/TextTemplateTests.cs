using FluentAssertions;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Engine;
using PainBilling.Rules.Expressions;
using Xunit;

namespace PainBilling.Rules.Tests.Engine;

/// <summary>
/// A finding text parsed once (<see cref="TextTemplate"/>) must read exactly as the text formatted by scanning it
/// (<see cref="FindingFormatter"/>), placeholder by placeholder: captured values first, built-ins, and anything else kept
/// as written.
/// </summary>
public sealed class TextTemplateTests
{
    private static readonly string[] Names = ["priorDate", "levels", "relief", "empty", "line", "code", "claim"];

    private static readonly object?[] Values =
    [
        new DateOnly(2026, 3, 9),
        new List<string> { "L4-L5", "L5-S1" },
        42.50m,
        string.Empty,
        "captured line",
        "captured code",
        "captured claim",
    ];

    public static TheoryData<string> Templates => new(
        "plain text, no placeholder",
        "{priorDate} then {levels}, relief {relief}% and {empty}",
        "line {line}, code {code}, units {units} on {serviceDate} with {modifiers}",
        "{state} {placeOfService} {payerType} {payerId} in {ruleSet}",
        "{claim} and {data} stay, {unknown} stays, { spaced } stays, {9digit} stays, {open and {priorDate}",
        "{{priorDate}} {priorDate}{relief}{",
        "}{}{levels}");

    [Theory]
    [MemberData(nameof(Templates))]
    public void A_parsed_text_reads_as_the_scanned_one(string text)
    {
        var claim = OneLineClaim(new ClaimLine { Line = 2, Code = "64483", Units = 1, DiagnosisPointers = [1], ServiceDate = new DateOnly(2026, 5, 4), Modifiers = ["RT", "KX"] });
        var line = claim.Lines[0];

        var parsed = TextTemplate.Parse(text, Names).Format(claim, line, "medicare-esi-lcd@2026.12.0", Values);
        var scanned = FindingFormatter.Format(text, claim, line, "medicare-esi-lcd@2026.12.0", new CapturedValues(Names, Values));

        parsed.Should().Be(scanned);
    }

    [Fact]
    public void Captured_values_win_over_built_ins_except_line()
    {
        var claim = OneLineClaim(new ClaimLine { Line = 3, Code = "64483", Units = 1, DiagnosisPointers = [1], ServiceDate = new DateOnly(2026, 5, 4) });

        TextTemplate.Parse("{line}/{code}/{claim}", Names).Format(claim, claim.Lines[0], "x", Values)
            .Should().Be("3/captured code/{claim}");
    }

    private static ClaimView OneLineClaim(ClaimLine line) => ClaimView.From(new Claim
    {
        ClaimId = "T-1",
        Payer = new Payer { Id = "MCR-TX", Type = PayerType.Medicare },
        ServiceState = "TX",
        PlaceOfService = "11",
        Diagnoses = ["M54.16"],
        Lines = [line],
    });
}
