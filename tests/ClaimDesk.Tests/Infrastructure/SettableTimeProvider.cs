using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>A clock the test moves by hand (replaces <see cref="TimeProvider.System"/> in the app under test).</summary>
public sealed class SettableTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    /// <summary>Starts at the current second, whole (PostgreSQL keeps microseconds, .NET ticks of 100 ns).</summary>
    public SettableTimeProvider() : this(new DateTimeOffset(DateTimeOffset.UtcNow.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    /// <summary>Puts this clock in place of the system clock.</summary>
    public void Install(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(this);
    }
}
