namespace PainBilling.Rules.Server.Tests;

/// <summary>Paths inside the repository.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples", "claims");

    public static IEnumerable<string> SampleFiles => Directory.EnumerateFiles(Samples, "*.json").Order(StringComparer.Ordinal);

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
