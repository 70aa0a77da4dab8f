namespace PainBilling.Rules.Tests;

/// <summary>Paths inside the repository (tests read rules-json, samples and README.md from the working tree).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string RulesJson => Path.Combine(Root, "rules-json");

    public static string Fixtures => Path.Combine(RulesJson, "fixtures");

    public static string Samples => Path.Combine(Root, "samples", "claims");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PainBilling.Rules.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PainBilling.Rules.sln not found above " + AppContext.BaseDirectory);
    }
}
