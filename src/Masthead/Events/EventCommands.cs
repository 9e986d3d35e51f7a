using System.CommandLine;

namespace Masthead.Events;

/// <summary>`masthead events status`: what waits, what fails, and how long events took to reach each consumer.</summary>
public static class EventCommands
{
    public static Command Build(Cli.WithServices withServices, TextWriter output)
    {
        var status = new Command("status", "Per consumer: events waiting, failing, done in 24 h, and the lag from commit to consumption");
        status.SetAction((parse, cancellation) => withServices(parse, async services =>
        {
            var report = services.GetRequiredService<EventReport>();
            output.WriteLine("consumer\twaiting\tfailing\tdone_24h\tlag_p50_ms\tlag_p99_ms");
            foreach (var c in await report.StatusAsync(cancellation))
                output.WriteLine($"{c.Consumer}\t{c.Pending}\t{c.Failing}\t{c.DoneToday}\t{c.LagP50Ms:0}\t{c.LagP99Ms:0}");
            foreach (var f in await report.FailingAsync(cancellation: cancellation))
                output.WriteLine($"failing: {f.Consumer} event {f.EventId} ({f.Summary}), {f.Attempts} tries: {f.LastError}");
            return 0;
        }, cancellation));
        return new Command("events", "Publication events and their consumers") { status };
    }
}
