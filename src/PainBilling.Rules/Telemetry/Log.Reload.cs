using Microsoft.Extensions.Logging;

namespace PainBilling.Rules.Telemetry;

/// <content>Log messages of hot reload beyond the reload hooks (<see cref="ReloadingClaimEvaluator"/>).</content>
internal static partial class Log
{
    [LoggerMessage(EventId = 20, EventName = "ReloadHandlerFailed", Level = LogLevel.Error,
        Message = "A handler of the {EventName} event threw; the rules in force are unchanged by it")]
    public static partial void ReloadHandlerFailed(ILogger logger, string eventName, Exception exception);
}
