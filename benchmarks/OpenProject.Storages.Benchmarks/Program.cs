using BenchmarkDotNet.Running;
using OpenProject.Storages.Benchmarks.Nextcloud;

// Run all with: dotnet run -c Release --project benchmarks/OpenProject.Storages.Benchmarks -- --filter '*'
// The interleaved upload comparison (see docs/performance.md): ... -- --interleaved-uploads [rounds] [chunk MiB]
if (args is ["--interleaved-uploads", .. var rest])
{
    await InterleavedUploads.RunAsync(rest);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
