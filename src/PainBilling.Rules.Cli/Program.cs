using PainBilling.Rules.Cli;

return PainRulesCommand.Run(args, Console.Out, Console.Error);
