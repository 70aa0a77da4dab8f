using FluentAssertions;
using PainBilling.Rules.Expressions;

namespace PainBilling.Rules.Tests.Engine;

/// <summary>The generic spinal-level helpers that rule expressions reach as <c>data.SpineRegions</c>, <c>data.LevelInRegion</c> and <c>data.LevelsContiguous</c>.</summary>
public sealed class SpinalLevelHelperTests
{
    private static readonly RuleData Data = new(new DateOnly(2026, 5, 12), new ReferenceIndex([]));

    [Theory]
    [InlineData("L4-L5", "lumbar")]
    [InlineData("L5-S1", "lumbar,sacral")]
    [InlineData("T12-L1", "thoracic,lumbar")]
    [InlineData("C7-T1", "cervical,thoracic")]
    [InlineData("c5-6", "cervical")]
    [InlineData(" L5 ", "lumbar")]
    [InlineData("C8", "cervical")]
    [InlineData("S1", "sacral")]
    public void Regions_of_a_level(string level, string expected)
    {
        Data.SpineRegions(level).Should().Equal(expected.Split(','));
        Data.IsSpinalLevel(level).Should().BeTrue();
    }

    [Theory]
    [InlineData("caudal")]
    [InlineData("L6")]
    [InlineData("T13")]
    [InlineData("L5-L4")]
    [InlineData("L4-L4")]
    [InlineData("L4-L5-S1")]
    [InlineData("")]
    [InlineData("X1")]
    [InlineData("L")]
    public void Unrecognised_levels_have_no_region(string level)
    {
        Data.SpineRegions(level).Should().BeEmpty();
        Data.IsSpinalLevel(level).Should().BeFalse();
        Data.LevelInRegion(level, "lumbar/sacral").Should().BeFalse();
    }

    [Theory]
    [InlineData("L4-L5", "lumbar/sacral", true)]
    [InlineData("L4-L5", "cervical/thoracic", false)]
    [InlineData("T12-L1", "cervical/thoracic", true)]
    [InlineData("T12-L1", "lumbar/sacral", true)]
    [InlineData("C5-C6", "lumbar/sacral", false)]
    [InlineData("L4-L5", "", false)]
    public void Level_in_a_code_region(string level, string regions, bool expected)
        => Data.LevelInRegion(level, regions).Should().Be(expected);

    [Theory]
    [InlineData("L4-L5", "L5-S1", true)]
    [InlineData("L3-L4", "L5-S1", false)]
    [InlineData("T12-L1", "L1-L2", true)]
    [InlineData("L4", "L5", true)]
    [InlineData("L4", "S1", false)]
    [InlineData("L4-L5", "S1", true)]
    [InlineData("C7", "C8", true)]
    [InlineData("C8", "T1", true)]
    [InlineData("L4-L5", "L4-L5", true)]
    [InlineData("caudal", "L5-S1", false)]
    public void Contiguity(string a, string b, bool expected)
    {
        Data.LevelsContiguous([a], [b]).Should().Be(expected);
        Data.LevelsContiguous([b], [a]).Should().Be(expected, "contiguity is symmetric");
    }

    [Fact]
    public void Contiguity_needs_a_recognised_level_on_both_sides()
    {
        Data.LevelsContiguous([], ["L4-L5"]).Should().BeFalse();
        Data.LevelsContiguous(["L2-L3", "L4-L5"], ["L5-S1"]).Should().BeTrue("one contiguous pair is enough");
    }
}
