namespace Masthead.Events;

public static class EventServices
{
    /// <summary>The recorder and the consumers: the CLI writes events too, so it must know every consumer's name.</summary>
    public static IServiceCollection AddPublicationEvents(this IServiceCollection services)
    {
        services.AddMastheadOptions<EventOptions>(EventOptions.Section);
        services.AddSingleton<EventSignal>();
        services.AddSingleton<PublicationRecorder>();
        services.AddScoped<EventReport>();
        services.AddSingleton<IPublicationConsumer, Publishing.Cdn.CdnPurgeConsumer>();
        services.AddSingleton<IPublicationConsumer, Publishing.Links.LinkQueueConsumer>();
        services.AddSingleton<IPublicationConsumer, Newsletters.PlannedSends>();
        return services;
    }

    /// <summary>Only a server dispatches; a CLI run leaves its events to the servers.</summary>
    public static IServiceCollection AddEventDispatch(this IServiceCollection services) =>
        services.AddSingleton<EventDispatcher>().AddHostedService(sp => sp.GetRequiredService<EventDispatcher>());
}
