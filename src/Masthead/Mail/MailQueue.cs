using System.Threading.Channels;
using MimeKit;

namespace Masthead.Mail;

/// <summary>
/// Transactional mail (sign-in links, invitations, resets) leaves the request at once and is sent by a background
/// worker: the page answers in the same time whether or not a message was written, so timing tells nobody which
/// addresses have accounts. A message that fails is tried three times, then logged.
/// </summary>
public sealed class MailQueue(Mailer mailer, ILogger<MailQueue> logger) : BackgroundService
{
    private readonly Channel<MimeMessage> waiting = Channel.CreateUnbounded<MimeMessage>(new() { SingleReader = true });

    public bool IsConfigured => mailer.IsConfigured;
    public MimeKit.MailboxAddress Sender => mailer.Options.Sender;

    public void Enqueue(MimeMessage message)
    {
        if (!mailer.IsConfigured) throw new InvalidOperationException("Masthead:Mail:Host is not set: nothing can be mailed");
        if (message.From.Count == 0) message.From.Add(mailer.Options.Sender);
        waiting.Writer.TryWrite(message);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in waiting.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await mailer.SendAsync(message, stoppingToken);
                    break;
                }
                catch (Exception error) when (error is not OperationCanceledException && attempt < 3)
                {
                    await Task.Delay(TimeSpan.FromSeconds(attempt), stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    logger.LogError(error, "Could not send \"{Subject}\" to {To}", message.Subject, message.To);
                    break;
                }
            }
        }
    }
}
