using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Operations;

/// <summary>How long the store takes: one histogram over every command Masthead sends, by kind of command.</summary>
public sealed class StoreTiming : DbCommandInterceptor
{
    private readonly Histogram<double> duration;

    public StoreTiming(IMeterFactory meters) =>
        duration = meters.Create(MastheadMetrics.MeterName).CreateHistogram<double>("masthead.store.duration", unit: "s",
            description: "Time the store took to answer a command");

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) =>
        Record(eventData, "query", result);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(Record(eventData, "query", result));

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) => Record(eventData, "write", result);

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(Record(eventData, "write", result));

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result) => Record(eventData, "scalar", result);

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(Record(eventData, "scalar", result));

    private T Record<T>(CommandExecutedEventData eventData, string kind, T result)
    {
        if (duration.Enabled) duration.Record(eventData.Duration.TotalSeconds, new KeyValuePair<string, object?>("command", kind));
        return result;
    }
}
