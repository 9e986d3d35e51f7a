namespace Masthead.Tests.Infrastructure;

/// <summary>Real time, moved on by <see cref="Advance"/>: "one minute later" without waiting a minute. Timers stay real.</summary>
public sealed class AdjustableClock : TimeProvider
{
    private long offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
}
