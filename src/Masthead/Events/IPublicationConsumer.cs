namespace Masthead.Events;

/// <summary>
/// Something that must follow what readers see. Adding one is this class and one line in <see cref="EventServices"/>:
/// from then on every event is handed to it once, in batches, retried with backoff until it succeeds.
/// A consumer may be given an event again only when a worker died while holding it, so make the work safe to repeat.
/// </summary>
public interface IPublicationConsumer
{
    /// <summary>Stored with each delivery: never rename a consumer that has deliveries pending.</summary>
    string Name { get; }

    /// <summary>How many events one call takes: a CDN purge joins them into one request, other consumers go one by one.</summary>
    int BatchSize => 1;

    Task ConsumeAsync(IReadOnlyList<PublicationEvent> events, CancellationToken cancellation);
}
