using BenchmarkDotNet.Running;
using PainBilling.Rules.Benchmarks;

if (args is ["quick", "claim", var seed])
{
    QuickClaim.Run(int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["generate", var count, var file])
{
    GenerateBatch.Run(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), file);
    return;
}

if (args is ["quick", "loop", .. var loopSamples])
{
    QuickLoop.Run(15, loopSamples);
    return;
}

if (args is ["quick", "batch", var batchFile])
{
    QuickBatch.Run(batchFile);
    return;
}

if (args is ["quick", "load"])
{
    QuickLoad.Run();
    return;
}

if (args is ["quick", "parallel", var parallelFile])
{
    QuickParallel.Run(parallelFile);
    return;
}

if (args is ["quick", "profile"])
{
    QuickProfile.Run();
    return;
}

if (args is ["quick", "units"])
{
    QuickUnits.Run();
    return;
}

if (args is ["quick", ..])
{
    Quick.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
