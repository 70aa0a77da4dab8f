using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PainBilling.Rules.Server.Tests;

/// <summary>The service in memory (TestServer), with the same registrations and endpoints as <c>painrules serve</c> and every log entry kept.</summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    public ConcurrentQueue<string> Logs { get; } = new();

    protected override IHostBuilder CreateHostBuilder() => Host.CreateDefaultBuilder()
        .ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            PainRulesServer.ConfigureLogging(logging);
            logging.AddProvider(new CapturingProvider(Logs));
        })
        .ConfigureWebHostDefaults(web =>
        {
            web.ConfigureServices((context, services) => PainRulesServer.ConfigureServices(services, context.Configuration));
            web.Configure(app =>
            {
                app.UseRouting();
                app.UseEndpoints(PainRulesServer.MapEndpoints);
            });
        });

    /// <summary>Keeps the formatted message, every structured value and the exception of each entry.</summary>
    private sealed class CapturingProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(logs, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" | ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
                logs.Enqueue($"{category} {logLevel}: {formatter(state, exception)} || {values} || {exception}");
            }
        }
    }
}
