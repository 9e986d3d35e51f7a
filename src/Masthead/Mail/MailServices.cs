namespace Masthead.Mail;

public static class MailServices
{
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddMastheadOptions<MailOptions>(MailOptions.Section);
        services.AddSingleton<Mailer>();
        services.AddSingleton<MailQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<MailQueue>());
        return services;
    }
}
