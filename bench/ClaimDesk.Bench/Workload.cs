using System.Diagnostics;
using System.Globalization;

namespace ClaimDesk.Bench;

/// <summary>One way of creating a claim: through the API, or with plain Npgsql.</summary>
public interface IClaimWriter : IAsyncDisposable
{
    string Name { get; }

    Task CreateClaimAsync(CancellationToken cancellationToken);
}

/// <summary>A benchmark's own failure: wrong answers or wrong data. It ends the program with exit code 1.</summary>
public sealed class BenchFailedException(string message) : Exception(message);

/// <summary>What one side measured: the claims, the wall time they took, each claim's latency, how busy the CPUs were.</summary>
public sealed record SideResult(string Side, int Claims, TimeSpan Wall, IReadOnlyList<double> SortedLatenciesMs, CpuUse Cpu)
{
    public double ClaimsPerSecond => Claims / Wall.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    /// <summary>Nearest rank: the smallest latency that at least <paramref name="fraction"/> of the claims did not exceed.</summary>
    public double Percentile(double fraction) =>
        SortedLatenciesMs[Math.Clamp((int)Math.Ceiling(fraction * SortedLatenciesMs.Count) - 1, 0, SortedLatenciesMs.Count - 1)];

    /// <summary>Slices of one side taken together: their claims and wall times add up, their latencies are pooled.</summary>
    public static SideResult Combine(IReadOnlyList<SideResult> slices)
    {
        var wall = slices.Aggregate(TimeSpan.Zero, (sum, slice) => sum + slice.Wall);
        var latencies = slices.SelectMany(slice => slice.SortedLatenciesMs).Order().ToList();
        var cpu = new CpuUse(
            slices.Sum(slice => slice.Cpu.Machine * slice.Wall.TotalSeconds) / wall.TotalSeconds,
            slices.Sum(slice => slice.Cpu.Process * slice.Wall.TotalSeconds) / wall.TotalSeconds);
        return new SideResult(slices[0].Side, slices.Sum(slice => slice.Claims), wall, latencies, cpu);
    }
}

/// <summary>Creates claims from a number of concurrent clients, each starting the next claim when its last one is done.</summary>
public static class Workload
{
    public static async Task<SideResult> RunAsync(IClaimWriter writer, int claims, int concurrency)
    {
        var latencies = new double[claims];
        var next = -1;
        var cpu = CpuSample.Take();
        var wall = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < claims)
            {
                var started = Stopwatch.GetTimestamp();
                await writer.CreateClaimAsync(CancellationToken.None);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })).ToList();
        await Task.WhenAll(clients);
        wall.Stop();
        var used = CpuSample.Take().Since(cpu);
        Array.Sort(latencies);
        return new SideResult(writer.Name, claims, wall.Elapsed, latencies, used);
    }
}

/// <summary>
/// How busy the CPUs were while a side ran, as a share of all of them: the whole machine (PostgreSQL, this process and
/// whatever else runs on the shared machine) and this process alone (client and, for the API, the server).
/// </summary>
public readonly record struct CpuUse(double Machine, double Process)
{
    public override string ToString() => double.IsNaN(Machine)
        ? string.Create(CultureInfo.InvariantCulture, $"?/{Process:P0}")
        : string.Create(CultureInfo.InvariantCulture, $"{Machine:P0}/{Process:P0}");
}

/// <summary>The machine's busy and total CPU time (from /proc/stat, in ticks) and this process's CPU time.</summary>
public readonly record struct CpuSample(long Busy, long Total, TimeSpan Process, long Timestamp)
{
    public static CpuSample Take()
    {
        long busy = -1, total = -1;
        try
        {
            // cpu  user nice system idle iowait irq softirq steal …
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            total = fields.Sum();
            busy = total - fields[3] - fields[4];
        }
        catch (IOException)
        {
            // Not Linux: only this process's share is known.
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new CpuSample(busy, total, process.TotalProcessorTime, Stopwatch.GetTimestamp());
    }

    public CpuUse Since(CpuSample start)
    {
        var wall = Stopwatch.GetElapsedTime(start.Timestamp, Timestamp);
        var process = (Process - start.Process) / (wall * Environment.ProcessorCount);
        var machine = Total > start.Total && start.Total >= 0 ? (double)(Busy - start.Busy) / (Total - start.Total) : double.NaN;
        return new CpuUse(machine, process);
    }
}
