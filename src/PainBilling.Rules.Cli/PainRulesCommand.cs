using System.CommandLine;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Cli;

/// <summary>The <c>painrules</c> command line: evaluate claims, list, validate and test rule sets.</summary>
internal static class PainRulesCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var rulesOption = new Option<string?>("--rules")
        {
            Description = "Rules folder laid out like rules-json (default: the rules embedded in the package)",
            HelpName = "DIR",
        };

        var pathArgument = new Argument<string>("PATH") { Description = "A claim (.json), a fixture file (.json with cases: one claim per case), claims one per line (.ndjson), or a folder (searched recursively)" };
        var formatOption = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "json", HelpName = "json|table" };
        formatOption.AcceptOnlyFromAmong("json", "table");
        var summaryOption = new Option<bool>("--summary") { Description = "At the end, write outcome counts, the top rules and the charges at risk (Deny/Reject lines) to stderr" };
        var engineOption = new Option<string>("--engine") { Description = "How rules run: compiled (default) or rulesengine (RulesEngine's standard path, for comparison)", DefaultValueFactory = _ => "compiled", Hidden = true };
        engineOption.AcceptOnlyFromAmong("compiled", "rulesengine");
        var evaluate = new Command("evaluate", "Evaluate claims (streamed, in parallel) and write one evaluation per claim, in input order") { pathArgument, formatOption, rulesOption, summaryOption, engineOption };
        evaluate.SetAction(parse => EvaluateCommand.Run(
            new EvaluateRequest(parse.GetRequiredValue(pathArgument), parse.GetValue(formatOption)!, parse.GetValue(rulesOption))
            {
                Summary = parse.GetValue(summaryOption),
                Engine = parse.GetValue(engineOption) == "rulesengine" ? Engine.EvaluationPath.RulesEngine : Engine.EvaluationPath.Compiled,
            },
            stdout,
            stderr));

        var catalogueFormat = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "table", HelpName = "table|markdown" };
        catalogueFormat.AcceptOnlyFromAmong("table", "markdown");
        var showOption = new Option<string?>("--show") { Description = "Print one rule-set version as loaded (a version written with Extends is printed resolved)", HelpName = "ID@VERSION" };
        var rules = new Command("rules", "List every rule: id, family, category, severity, CARC, scope, effective window and source") { catalogueFormat, rulesOption, showOption };
        rules.SetAction(parse => parse.GetValue(showOption) is { } show
            ? CatalogueCommand.Show(show, parse.GetValue(rulesOption), stdout, stderr)
            : CatalogueCommand.Run(parse.GetValue(catalogueFormat)!, parse.GetValue(rulesOption), stdout, stderr));

        var validate = new Command("validate", "Load and compile the rule files; report the first broken file, rule and reason") { rulesOption };
        validate.SetAction(parse => ValidateCommand.Run(parse.GetValue(rulesOption), stdout, stderr));

        var testRules = new Option<string>("--rules") { Description = "Rules folder whose fixtures/ subfolder holds the cases", HelpName = "DIR", Required = true };
        var test = new Command("test", "Run the rule fixtures (claims with expected findings) against a rules folder") { testRules };
        test.SetAction(parse => TestCommand.Run(parse.GetRequiredValue(testRules), stdout, stderr));

        var diffRules = new Option<string>("--rules") { Description = "The edited rules folder (after)", HelpName = "DIR", Required = true };
        var diffAgainst = new Option<string>("--against") { Description = "The rules folder to compare with (before), e.g. a worktree of main", HelpName = "DIR", Required = true };
        var diffClaims = new Argument<string[]>("CLAIMS") { Description = "Claims, fixture files or folders to evaluate under both (default: every fixture case of both folders and samples/claims)", Arity = ArgumentArity.ZeroOrMore };
        var diffFormat = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "table", HelpName = "table|json" };
        diffFormat.AcceptOnlyFromAmong("table", "json");
        var diff = new Command("diff", "What a rule change changes: rules and reference rows added, removed and changed, and every claim whose outcome or findings change (exit 1 when behaviour changed)") { diffRules, diffAgainst, diffClaims, diffFormat };
        diff.SetAction(parse => DiffCommand.Run(parse.GetRequiredValue(diffRules), parse.GetRequiredValue(diffAgainst), parse.GetValue(diffClaims) ?? [], parse.GetValue(diffFormat)!, stdout, stderr));

        var newVersionId = new Argument<string>("RULESET") { Description = "The rule-set id, e.g. medicare-esi-lcd" };
        var newVersionFrom = new Option<string>("--from") { Description = "First date of service of the new version (the old one ends the day before)", HelpName = "yyyy-MM-dd", Required = true };
        var newVersionVersion = new Option<string?>("--version") { Description = "The new version's Version (default: YYYY.M.0 of --from)", HelpName = "VERSION" };
        var newVersionRules = new Option<string>("--rules") { Description = "Rules folder to edit", HelpName = "DIR", DefaultValueFactory = _ => "rules-json" };
        var newVersion = new Command("new-version", "Scaffold a new version of a rule set as a change file (Extends) and close the old version's window") { newVersionId, newVersionFrom, newVersionVersion, newVersionRules };
        newVersion.SetAction(parse => NewVersionCommand.Run(parse.GetRequiredValue(newVersionId), parse.GetRequiredValue(newVersionFrom), parse.GetValue(newVersionVersion), parse.GetValue(newVersionRules)!, stdout, stderr));

        var urlsOption = new Option<string>("--urls") { Description = "Addresses to listen on, separated by ';'", DefaultValueFactory = _ => ServeCommand.DefaultUrls, HelpName = "URLS" };
        var serve = new Command("serve", "Run the HTTP service: POST /v1/claims/evaluate, POST /v1/claims/evaluate-batch (NDJSON), GET /v1/rules, GET /health, /openapi/v1.json") { urlsOption, rulesOption };
        serve.SetAction(parse => ServeCommand.Run(parse.GetValue(urlsOption)!, parse.GetValue(rulesOption), stderr));

        var root = new RootCommand("painrules: pre-submission claim scrubbing for interventional pain management") { evaluate, rules, validate, test, diff, serve, newVersion, ReferenceCommand.Create(rulesOption, stdout, stderr) };
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                stderr.WriteLine(error.Message);
            }

            stderr.WriteLine("Usage: painrules evaluate PATH [--format json|table] [--rules DIR] [--summary] | rules | validate | test --rules DIR | diff --rules A --against B [CLAIMS...] | serve [--urls URLS] [--rules DIR] [--summary] | new-version RULESET --from DATE   (painrules --help)");
            return ExitCodes.Usage;
        }

        return parseResult.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    /// <summary>Loads the rules, reporting a broken rule file on stderr.</summary>
    internal static RuleLibrary? LoadRules(string? folder, TextWriter stderr)
    {
        try
        {
            return RuleLibrary.Load(folder is null ? RulesSource.Embedded : RulesSource.FromFolder(folder));
        }
        catch (RuleSetLoadException ex)
        {
            stderr.WriteLine($"painrules: rule files could not be loaded: {ex.Message}");
            return null;
        }
    }
}
