using System.IO.Compression;
using System.Xml.Linq;

namespace PainBilling.Rules.Server.Tests.Packaging;

/// <summary>
/// Packs both packages, installs the library into a fresh host from a local folder feed, installs the tool and runs
/// both. Offline-safe: other packages come from the machine's NuGet cache (a fallback folder), and the packages under
/// test never enter that cache. Bounded: every process has a time limit. Filter it out with
/// <c>--filter Category!=Packaging</c> when iterating.
/// </summary>
[Trait("Category", "Packaging")]
public sealed class PackageTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task Both_packages_install_from_a_folder_feed_into_a_fresh_host_and_the_tool_runs()
    {
        var work = Directory.CreateTempSubdirectory("painrules-pack-").FullName;
        try
        {
            var feed = Directory.CreateDirectory(Path.Combine(work, "feed")).FullName;
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
            foreach (var project in new[] { "src/PainBilling.Rules/PainBilling.Rules.csproj", "src/PainBilling.Rules.Cli/PainBilling.Rules.Cli.csproj" })
            {
                var pack = await ProcessRunner.RunAsync("dotnet", $"pack \"{Path.Combine(Repository.Root, project)}\" -c {configuration} --no-build -o \"{feed}\"", Repository.Root, Step);
                pack.ExitCode.Should().Be(0, pack.Output);
            }

            var library = Directory.GetFiles(feed, "PainBilling.Rules.*.nupkg").Single(f => !Path.GetFileName(f).StartsWith("PainBilling.Rules.Cli.", StringComparison.Ordinal));
            var tool = Directory.GetFiles(feed, "PainBilling.Rules.Cli.*.nupkg").Single();
            Directory.GetFiles(feed, "*.snupkg").Should().BeEmpty("symbols are embedded portable PDBs");
            var version = Path.GetFileNameWithoutExtension(library)["PainBilling.Rules.".Length..];
            foreach (var package in new[] { library, tool })
            {
                CheckPackage(package);
            }

            var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var host = Directory.CreateDirectory(Path.Combine(work, "host")).FullName;
            WriteHost(host, feed, globalPackages, version);
            var run = await ProcessRunner.RunAsync("dotnet", "run -c Release", host, Step);
            run.ExitCode.Should().Be(0, run.Output);
            run.Output.Should().Contain("outcome=Reject").And.Contain("ESI-BILAT-001").And.Contain("first-resolution-ms=");
            Console.WriteLine("fresh host: " + string.Join(" ", run.Output.Split('\n').Where(l => l.Contains("-ms=", StringComparison.Ordinal)).Select(l => l.Trim())));

            var tools = Path.Combine(work, "tools");
            var isolated = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "tool-packages") };
            var install = await ProcessRunner.RunAsync("dotnet", $"tool install PainBilling.Rules.Cli --tool-path \"{tools}\" --add-source \"{feed}\" --version {version}", work, Step, isolated);
            install.ExitCode.Should().Be(0, install.Output);
            var painrules = Path.Combine(tools, OperatingSystem.IsWindows() ? "painrules.exe" : "painrules");
            var evaluate = await ProcessRunner.RunAsync(painrules, $"evaluate \"{Path.Combine(Repository.Samples, "medicare-ny-tpi-denied.json")}\"", work, Step);
            evaluate.ExitCode.Should().Be(0, evaluate.Output);
            evaluate.Output.Should().Contain("\"claimId\":\"SAMPLE-TPI-DENIED\"").And.Contain("\"outcome\":\"Deny\"");
            var help = await ProcessRunner.RunAsync(painrules, "serve --help", work, Step);
            help.Output.Should().Contain("--urls");
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temporary folder is left for the system to clean.
            }
        }
    }

    /// <summary>README and license in the nuspec, the README in the package, no loose PDBs (they are embedded).</summary>
    private static void CheckPackage(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Value("readme").Should().Be("README.md", path);
        Value("license").Should().Be("MIT", path);
        Value("projectUrl").Should().BeNull("no project URL is invented");
        zip.Entries.Should().Contain(e => e.FullName == "README.md", path);
        zip.Entries.Should().NotContain(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal), "symbols are embedded");
    }

    private static void WriteHost(string host, string feed, string globalPackages, string version)
    {
        File.WriteAllText(Path.Combine(host, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="packages" />
              </config>
              <packageSources>
                <add key="local-feed" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine-cache" value="{globalPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(host, "Host.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PainBilling.Rules" Version="{version}" />
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.15" />
              </ItemGroup>
            </Project>
            """);
        var sample = Path.Combine(Repository.Samples, "medicare-tx-esi-denied.json").Replace("\\", "\\\\", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(host, "Program.cs"), $$"""
            using System.Diagnostics;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using PainBilling.Rules;

            var cold = new ServiceCollection();
            cold.AddPainBillingRules();
            using (var provider = cold.BuildServiceProvider())
            {
                var watch = Stopwatch.StartNew();
                provider.GetRequiredService<IClaimEvaluator>();
                Console.WriteLine($"first-resolution-ms={watch.ElapsedMilliseconds}");
            }

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PainBillingRules:EvaluationBudget"] = "00:00:05" });
            builder.Services.AddPainBillingRules(builder.Configuration.GetSection("PainBillingRules"));
            builder.Services.AddHealthChecks().AddPainBillingRules();
            using var host = builder.Build();
            var started = Stopwatch.StartNew();
            await host.StartAsync();
            Console.WriteLine($"host-start-with-warm-up-ms={started.ElapsedMilliseconds}");
            var evaluator = host.Services.GetRequiredService<IClaimEvaluator>();
            var first = Stopwatch.StartNew();
            var evaluation = await evaluator.EvaluateJsonAsync(File.ReadAllText("{{sample}}"));
            Console.WriteLine($"first-evaluation-after-warm-up-ms={first.ElapsedMilliseconds}");
            Console.WriteLine($"outcome={evaluation.Outcome}");
            foreach (var finding in evaluation.Findings)
            {
                Console.WriteLine(finding.RuleId);
            }

            await host.StopAsync();
            """);
    }
}
