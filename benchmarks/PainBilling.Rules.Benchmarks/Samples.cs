namespace PainBilling.Rules.Benchmarks;

internal static class Samples
{
    /// <summary>samples/claims of the repository (benchmarks run from a clone).</summary>
    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "claims");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "PainBilling.Rules.sln")))
            {
                return candidate;
            }
        }

        var fromCwd = Path.Combine(Directory.GetCurrentDirectory(), "samples", "claims");
        return Directory.Exists(fromCwd) ? fromCwd : throw new DirectoryNotFoundException("samples/claims not found; run from the repository");
    }
}
