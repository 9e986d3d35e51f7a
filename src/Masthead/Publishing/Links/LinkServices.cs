namespace Masthead.Publishing.Links;

public static class LinkServices
{
    /// <summary>The background link checker of a server: HEAD requests with a timeout, no redirects followed.</summary>
    public static IServiceCollection AddLinkChecking(this IServiceCollection services)
    {
        services.AddMastheadOptions<LinkCheckerOptions>(LinkCheckerOptions.Section);
        services.AddSingleton<LinkChecker>();
        services.AddHostedService<LinkCheckerService>();
        services.AddHttpClient(LinkChecker.HttpClientName, client =>
            {
                client.Timeout = TimeSpan.FromSeconds(10);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Masthead-LinkChecker/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }
}
