namespace PainBilling.Rules.Claims;

/// <summary>A reason a claim cannot be evaluated: the JSON path that is wrong and what is wrong with it.</summary>
/// <param name="Path">JSON path of the offending member, e.g. <c>$.lines[0].serviceDate</c>.</param>
/// <param name="Reason">What is wrong, without echoing the value (it may be patient data).</param>
public sealed record ClaimDataProblem(string Path, string Reason);
