using PainBilling.Rules.RuleSets;
using PainBilling.Rules.Server;

namespace PainBilling.Rules.Cli;

/// <summary><c>painrules serve [--urls URLS] [--rules DIR]</c>: the HTTP service, until Ctrl+C.</summary>
internal static class ServeCommand
{
    /// <summary>The default address: loopback only, so nothing is exposed until a host asks for it.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static int Run(string urls, string? rulesFolder, TextWriter stderr)
    {
        var args = new List<string> { "--urls", urls };
        if (rulesFolder is not null)
        {
            args.AddRange(["--" + PainRulesServer.RulesSection + ":RulesFolder", Path.GetFullPath(rulesFolder)]);
        }

        try
        {
            using var app = PainRulesServer.Build([.. args]);
            app.Run();
            return ExitCodes.Success;
        }
        catch (RuleSetLoadException ex)
        {
            stderr.WriteLine($"painrules: rule files could not be loaded: {ex.Message}");
            return ExitCodes.RuleError;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            stderr.WriteLine($"painrules: {string.Join("; ", ex.Failures)}");
            return ExitCodes.Usage;
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"painrules: cannot listen on {urls}: {ex.Message}");
            return ExitCodes.Usage;
        }
    }
}
