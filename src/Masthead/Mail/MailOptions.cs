using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Masthead.Mail;

public enum MailSecurity { Auto, None, StartTls, SslOnConnect }

/// <summary>The SMTP server Masthead sends through (Masthead:Mail). Without a host, nothing is mailed and the back office shows links instead.</summary>
public sealed class MailOptions : IValidatableObject
{
    public const string Section = "Masthead:Mail";

    public string? Host { get; set; }
    [Range(1, 65535)] public int Port { get; set; } = 587;
    public MailSecurity Security { get; set; } = MailSecurity.Auto;
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender of every message, "Name &lt;address&gt;"; newsletters put their own sender name on its address.</summary>
    public string? From { get; set; }
    /// <summary>SMTP connections a newsletter send keeps open at once.</summary>
    [Range(1, 32)] public int Connections { get; set; } = 2;
    /// <summary>The most newsletter messages handed over per second, over all connections (0: as fast as the server takes them).</summary>
    [Range(0, 100_000)] public int MessagesPerSecond { get; set; }
    /// <summary>Recipients one connection takes from the queue at a time.</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 50;
    /// <summary>How long a server holds the recipients it took; those of one that died become "unconfirmed" after this, never sent twice.</summary>
    [Range(1, 3600)] public int LeaseSeconds { get; set; } = 300;
    /// <summary>Tries of a recipient whose server answers "try later" (4xx), the wait doubling from a minute, before it counts as failed.</summary>
    [Range(1, 50)] public int MaxAttempts { get; set; } = 6;
    /// <summary>How often a server looks for sends asked for elsewhere (another server, the command line).</summary>
    [Range(10, 600_000)] public int PollIntervalMs { get; set; } = 2000;
    /// <summary>Set to false to leave newsletter sending to other servers.</summary>
    public bool Dispatch { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public MailboxAddress Sender => MailboxAddress.Parse(From!);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!IsConfigured) yield break;
        if (string.IsNullOrWhiteSpace(From) || !MailboxAddress.TryParse(From, out _))
            yield return new ValidationResult("give the sender as an address, such as \"The Daily <news@example.org>\"", [nameof(From)]);
        if (string.IsNullOrEmpty(User) != string.IsNullOrEmpty(Password))
            yield return new ValidationResult("give both the user and the password, or neither", [nameof(Password)]);
    }
}
