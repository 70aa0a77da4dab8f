namespace PainBilling.Rules.Tests;

/// <summary>Paths inside the repository (tests read rules-json, samples and README.md from the working tree).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string RulesJson => Path.Combine(Root, "rules-json");

    public static string Fixtures => Path.Combine(RulesJson, "fixtures");

    public static string Samples => Path.Combine(Root, "samples", "claims");

    /// <summary>The file names of the sample claims, in order, for theories over every sample.</summary>
    public static TheoryData<string> SampleFileNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Samples, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

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
