namespace PainBilling.Rules.Cli;

/// <summary>Exit statuses of <c>painrules</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The input was read and every claim answered (whatever the outcomes), or the command succeeded.</summary>
    public const int Success = 0;

    /// <summary>Fixture cases failed (<c>test</c>).</summary>
    public const int Failed = 1;

    /// <summary>Usage error or unreadable path.</summary>
    public const int Usage = 2;

    /// <summary>The rule files are broken (load error) or a rule failed while evaluating: a defect of the rules, not the claim.</summary>
    public const int RuleError = 3;
}
