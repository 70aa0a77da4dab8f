using Microsoft.Extensions.Options;

namespace PainBilling.Rules.Hosting;

/// <summary>Checks <see cref="ClaimEvaluatorOptions"/> when the host starts, naming each setting that is wrong.</summary>
internal sealed class ClaimEvaluatorOptionsValidator : IValidateOptions<ClaimEvaluatorOptions>
{
    public ValidateOptionsResult Validate(string? name, ClaimEvaluatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RulesSource is null)
        {
            failures.Add("RulesSource is null; leave it unset for the embedded rules.");
        }
        else if (options.RulesFolder is { } folder && !Directory.Exists(folder))
        {
            failures.Add($"RulesFolder '{folder}' does not exist.");
        }

        if (options.EvaluationBudget <= TimeSpan.Zero && options.EvaluationBudget != Timeout.InfiniteTimeSpan)
        {
            failures.Add($"EvaluationBudget must be positive, or {Timeout.InfiniteTimeSpan} (Timeout.InfiniteTimeSpan) for none; it is {options.EvaluationBudget}.");
        }

        if (options.ReloadOnChange && options.RulesFolder is null)
        {
            failures.Add("ReloadOnChange needs a RulesFolder: only a rules folder can be watched.");
        }

        if (options.ReloadDebounce < TimeSpan.Zero)
        {
            failures.Add($"ReloadDebounce must not be negative; it is {options.ReloadDebounce}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
