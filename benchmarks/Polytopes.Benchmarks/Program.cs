using BenchmarkDotNet.Running;

namespace Polytopes.Benchmarks;

/// <summary>dotnet run -c Release --project benchmarks/Polytopes.Benchmarks -- --filter '*'</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
