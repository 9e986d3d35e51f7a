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
