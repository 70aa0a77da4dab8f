using PainBilling.Rules.Cli;

return PainRulesCommand.Run(args, Console.Out, Console.Error);

/// <summary>The entry point; public so that WebApplicationFactory can locate this assembly for <c>painrules serve</c>'s tests.</summary>
#pragma warning disable CA1515 // WebApplicationFactory<TEntryPoint> needs a public entry point type
public partial class Program;
#pragma warning restore CA1515
