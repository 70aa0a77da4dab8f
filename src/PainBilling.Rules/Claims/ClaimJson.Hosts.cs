using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PainBilling.Rules.Claims;

/// <content>The contract for hosts that serialize with their own <see cref="JsonSerializerOptions"/> (ASP.NET Core).</content>
public static partial class ClaimJson
{
    /// <summary>
    /// A resolver that gives this library's types (<see cref="Claim"/>, <see cref="Evaluations.ClaimEvaluation"/> and
    /// everything inside them) the contract's strictness under any <see cref="JsonSerializerOptions"/>: camelCase
    /// names, unknown members rejected, numbers only as JSON numbers, enums as names, nulls left out on write. Every
    /// other type falls through to the host's resolvers unchanged.
    /// </summary>
    /// <remarks>
    /// <para>In ASP.NET Core, one line makes minimal APIs bind a <see cref="Claim"/> as strictly as <see cref="Read(string)"/>:</para>
    /// <code>builder.Services.ConfigureHttpJsonOptions(o =&gt; o.SerializerOptions.TypeInfoResolverChain.Insert(0, ClaimJson.TypeInfoResolver));</code>
    /// <para>
    /// Three settings exist only for a whole <see cref="JsonSerializerOptions"/> and stay the host's: case-insensitive
    /// member names (on in ASP.NET Core's web defaults, so <c>ClaimID</c> binds like <c>claimId</c>), duplicate
    /// members, and comments or trailing commas. A host that binds with model binding also gets its framework's error
    /// shape (a 400), not the contract's <c>Reject</c> evaluation naming the JSON path; read the body with
    /// <see cref="Read(string)"/> or call <see cref="IClaimEvaluator.EvaluateJsonAsync(Stream, CancellationToken)"/>
    /// for that.
    /// </para>
    /// </remarks>
    public static IJsonTypeInfoResolver TypeInfoResolver { get; } = new ContractTypeInfoResolver();
}
