namespace PainBilling.Rules.Engine;

/// <summary>How an evaluator runs the compiled rule workflows.</summary>
internal enum EvaluationPath
{
    /// <summary>One compiled delegate per rule set and scope (<see cref="FastRules"/>): the default.</summary>
    Compiled = 0,

    /// <summary>Microsoft RulesEngine's standard <c>ExecuteAllRulesAsync</c> (<see cref="CompiledRules"/>): the reference the compiled path is tested against.</summary>
    RulesEngine = 1,
}
