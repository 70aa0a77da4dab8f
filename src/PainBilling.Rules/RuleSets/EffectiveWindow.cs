namespace PainBilling.Rules.RuleSets;

/// <summary>The dates a rule-set or table version is in force.</summary>
/// <remarks>Both ends are inclusive. A <see langword="null"/> <see cref="To"/> means "until superseded".</remarks>
/// <param name="From">First date of service the version applies to (inclusive).</param>
/// <param name="To">Last date of service it applies to (inclusive), or <see langword="null"/> when open-ended.</param>
public sealed record EffectiveWindow(DateOnly From, DateOnly? To)
{
    /// <summary>Whether <paramref name="date"/> falls inside the window.</summary>
    /// <param name="date">A date of service.</param>
    /// <returns><see langword="true"/> when <c>From &lt;= date &lt;= To</c>.</returns>
    public bool Contains(DateOnly date) => From <= date && (To is null || date <= To);

    /// <summary>Whether two windows share at least one day.</summary>
    /// <param name="other">The other window.</param>
    /// <returns><see langword="true"/> when they overlap.</returns>
    public bool Overlaps(EffectiveWindow other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return From <= (other.To ?? DateOnly.MaxValue) && other.From <= (To ?? DateOnly.MaxValue);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{From:yyyy-MM-dd}..{(To is null ? "open" : To.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))}";
}
