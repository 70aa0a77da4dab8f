using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PainBilling.Rules.Batches;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Server;

/// <summary>
/// PainBilling.Rules over HTTP: <c>POST /v1/claims/evaluate</c>, <c>POST /v1/claims/evaluate-batch</c> (NDJSON in and
/// out), <c>GET /v1/rules</c>, <c>GET /health</c> and the OpenAPI document at <c>/openapi/v1.json</c>.
/// </summary>
/// <remarks>
/// Request and response bodies are the claim contract's JSON. The service logs no request bodies, claim ids or
/// patient data: ASP.NET Core's request logging stays off, rule failures are logged by rule id, and framework
/// categories log warnings and above only.
/// </remarks>
internal static class PainRulesServer
{
    /// <summary>The configuration section of the rules options (<c>PainBillingRules:RulesFolder</c> and so on).</summary>
    public const string RulesSection = "PainBillingRules";

    /// <summary>The configuration section of <see cref="ServerOptions"/>.</summary>
    public const string ServerSection = "Server";

    /// <summary>The NDJSON media type.</summary>
    public const string NdJson = "application/x-ndjson";

    /// <summary>Builds the service (Kestrel, limits, quiet logging) from the command line's arguments.</summary>
    /// <param name="args">ASP.NET Core arguments, e.g. <c>--urls http://127.0.0.1:5080</c> or <c>--PainBillingRules:RulesFolder rules-json</c>.</param>
    /// <returns>The application, ready to run.</returns>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(PainRulesServer).Assembly.GetName().Name });
        ConfigureLogging(builder.Logging);
        ConfigureServices(builder.Services, builder.Configuration);
        var server = builder.Configuration.GetSection(ServerSection).Get<ServerOptions>() ?? new ServerOptions();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = Math.Max(server.MaxClaimBytes, server.MaxBatchBytes);
        });
        var app = builder.Build();
        MapEndpoints(app);
        return app;
    }

    /// <summary>Keeps framework logging to warnings: request lines and bodies never reach a log.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);

        // A start failure (broken rules, bad settings) is reported once, by painrules, without a stack trace.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
    }

    /// <summary>The service's registrations: the rules (bound from <c>PainBillingRules</c>), health checks, OpenAPI and JSON.</summary>
    public static void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPainBillingRules(configuration.GetSection(RulesSection));
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection(ServerSection), b => b.ErrorOnUnknownConfiguration = true)
            .Validate(o => o.MaxClaimBytes > 0 && o.MaxBatchBytes > 0 && (o.BatchParallelism > 0 || o.BatchParallelism == -1), "Server limits must be positive (BatchParallelism: positive or -1).")
            .ValidateOnStart();
        services.AddHealthChecks().AddPainBillingRules();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ClaimJson.TypeInfoResolver));
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "PainBilling.Rules";
            document.Info.Description = "Pre-submission claim scrubbing for interventional pain management. Bodies are the claim contract's JSON (camelCase, enums as names, unknown members rejected).";
            return Task.CompletedTask;
        }));
    }

    /// <summary>Maps the endpoints.</summary>
    public static void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var server = endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value;
        var v1 = endpoints.MapGroup("/v1").WithTags("claims");

        v1.MapPost("/claims/evaluate", EvaluateAsync)
            .WithName("EvaluateClaim")
            .WithSummary("Evaluates one claim")
            .WithDescription("One claim in (the contract's JSON), one evaluation out. A claim that cannot be read is answered with a Reject evaluation naming the JSON path, never a 400.")
            .Accepts<Claim>("application/json")
            .Produces<ClaimEvaluation>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .WithMetadata(new BodySizeLimit(server.MaxClaimBytes));

        v1.MapPost("/claims/evaluate-batch", EvaluateBatchAsync)
            .WithName("EvaluateClaims")
            .WithSummary("Evaluates claims, one per line (NDJSON)")
            .WithDescription("Claims as NDJSON (one JSON claim per line; blank lines skipped), streamed in; evaluations as NDJSON in input order, streamed out as they are ready. A rule failure on a claim gives that line an error object instead of an evaluation.")
            .Accepts<Claim>(NdJson)
            .Produces<ClaimEvaluation>(StatusCodes.Status200OK, NdJson)
            .WithMetadata(new BodySizeLimit(server.MaxBatchBytes));

        v1.MapGet("/rules", (RuleLibrary library, IClaimEvaluator evaluator) => TypedResults.Json(Catalogue.From(Current(evaluator, library)), ClaimJson.Options))
            .WithName("ListRules")
            .WithSummary("The rule catalogue: rule-set versions, rules and reference tables")
            .Produces<Catalogue>(StatusCodes.Status200OK, "application/json");

        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        endpoints.MapOpenApi("/openapi/{documentName}.json");
    }

    private static async Task<IResult> EvaluateAsync(HttpRequest request, IClaimEvaluator evaluator, CancellationToken cancellationToken)
    {
        try
        {
            var evaluation = await evaluator.EvaluateJsonAsync(request.Body, cancellationToken).ConfigureAwait(false);
            return TypedResults.Json(evaluation, ClaimJson.Options);
        }
        catch (RuleEvaluationException ex)
        {
            // Logged by the evaluator (rule id only); the caller learns which rule, not a stack trace.
            return TypedResults.Problem(
                title: "A rule failed; the claim was not evaluated",
                detail: $"Rule {ex.RuleId} of rule set {ex.RuleSet} failed. This is a defect of the rules, not of the claim.",
                statusCode: StatusCodes.Status500InternalServerError);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(title: "The claim is too large", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
    }

    private static async Task EvaluateBatchAsync(HttpContext context, IClaimEvaluator evaluator, Microsoft.Extensions.Options.IOptions<ServerOptions> options)
    {
        var cancellationToken = context.RequestAborted;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = NdJson;
        var parallelism = options.Value.BatchParallelism == -1 ? OrderedParallel.DefaultDegree : options.Value.BatchParallelism;
        var lines = ReadLinesAsync(context.Request.Body, cancellationToken);
        try
        {
            await foreach (var line in OrderedParallel.SelectAsync(lines, (json, ct) => EvaluateLineAsync(evaluator, json, ct), parallelism, cancellationToken).ConfigureAwait(false))
            {
                await response.WriteAsync(line, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (!response.HasStarted)
        {
            response.StatusCode = ex.StatusCode;
        }
    }

    /// <summary>One output line: the evaluation, or an error object when a rule failed on this claim.</summary>
    private static async Task<string> EvaluateLineAsync(IClaimEvaluator evaluator, string json, CancellationToken cancellationToken)
    {
        try
        {
            return ClaimJson.Write(await evaluator.EvaluateJsonAsync(json, cancellationToken).ConfigureAwait(false)) + "\n";
        }
        catch (RuleEvaluationException ex)
        {
            return JsonSerializer.Serialize(new BatchError(ex.ClaimId, "rule-failure", ex.RuleSet, ex.RuleId, ex.Line), ClaimJson.Options) + "\n";
        }
    }

    /// <summary>The non-blank lines of an NDJSON body, read as they arrive.</summary>
    private static async IAsyncEnumerable<string> ReadLinesAsync(Stream body, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return line;
            }
        }
    }

    private static RuleLibrary Current(IClaimEvaluator evaluator, RuleLibrary registered) => evaluator switch
    {
        ClaimEvaluator known => known.Library,
        ReloadingClaimEvaluator reloading => reloading.Library,
        _ => registered,
    };

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, ClaimJson.Options), context.RequestAborted);
    }

    /// <summary>A line of the batch output for a claim a rule failed on.</summary>
    internal sealed record BatchError(string ClaimId, string Error, string RuleSet, string RuleId, int? Line);

    /// <summary>Per-endpoint request body limit, applied by routing before the body is read.</summary>
    private sealed class BodySizeLimit(long maxRequestBodySize) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize { get; } = maxRequestBodySize;
    }
}
