using System.Security.Cryptography;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Media;

/// <summary>Uploads, stored under <c>{data}/media/</c> by content hash, so the same file uploaded twice is stored once.</summary>
public sealed class MediaLibrary(MastheadDb db, DataFolder data, TimeProvider clock)
{
    public const string Accepted = "JPEG, PNG, WebP, AVIF, GIF or PDF";
    public const int MaxAlt = 1000, MaxCaption = 2000;

    public async Task<(MediaItem? Item, string? Error)> UploadAsync(Stream content, string fileName, long length, int? staffId,
        CancellationToken cancellation = default)
    {
        var limitMb = await db.SiteSettings.AsNoTracking().Select(s => (int?)s.MaxUploadMegabytes).SingleOrDefaultAsync(cancellation) ?? 20;
        long limit = limitMb * 1024L * 1024L;
        if (length == 0) return (null, "The file is empty.");
        if (length > limit) return (null, $"“{fileName}” is {length / 1024.0 / 1024.0:0.#} MB; the limit is {limitMb} MB.");

        var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellation);
        if (buffer.Length > limit) return (null, $"“{fileName}” is larger than the limit of {limitMb} MB.");
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (FileSniffer.Sniff(bytes.Span[..Math.Min(bytes.Length, 32)]) is not { } type)
            return (null, $"“{fileName}” is not a {Accepted} file, whatever its name says.");

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        if (await db.Media.SingleOrDefaultAsync(m => m.Hash == hash, cancellation) is { } existing) return (existing, null);

        var size = FileSniffer.ImageSize(bytes.Span, type.ContentType);
        string? variants = null;
        if (ImageVariants.Resizable(type.ContentType))
        {
            var (made, problem) = await Task.Run(() => ImageVariants.Make(bytes.ToArray(), type.Extension, hash, PathOf), cancellation);
            if (made is null) return (null, $"“{fileName}” was not stored: {problem}.");
            (size, variants) = ((made.Width, made.Height), string.Join(',', made.Widths));
        }
        else
        {
            var path = PathOf(hash + type.Extension);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".part";
            await File.WriteAllBytesAsync(temporary, bytes.ToArray(), cancellation);
            File.Move(temporary, path, overwrite: true);
        }

        var item = new MediaItem
        {
            Hash = hash, Extension = type.Extension, ContentType = type.ContentType,
            OriginalName = Path.GetFileName(fileName) is { Length: > 0 and <= 300 } name ? name : "upload" + type.Extension,
            Size = bytes.Length, Width = size?.Width, Height = size?.Height, Variants = variants,
            UploadedAt = clock.GetUtcNow().UtcDateTime, UploadedById = staffId,
        };
        db.Media.Add(item);
        await db.SaveChangesAsync(cancellation);
        return (item, null);
    }

    /// <summary>
    /// Makes the variants of pictures stored without them (uploaded before Masthead made them, or restored from an
    /// archive), one picture at a time, each saved as it is done: run again after a stop, it goes on where it stopped.
    /// </summary>
    public async Task<(int Made, List<string> Refused)> MakeMissingVariantsAsync(CancellationToken cancellation = default)
    {
        var (made, refused) = (0, new List<string>());
        var waiting = await db.Media.Where(m => m.Variants == null).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellation);
        foreach (var id in waiting)
        {
            var item = await db.Media.SingleAsync(m => m.Id == id, cancellation);
            if (!ImageVariants.Resizable(item.ContentType)) continue;
            var file = PathOf(item.FileName);
            if (!File.Exists(file)) { refused.Add($"{item.OriginalName} ({item.FileName}): the file is missing"); continue; }
            var bytes = await File.ReadAllBytesAsync(file, cancellation);
            var (picture, problem) = await Task.Run(() => ImageVariants.Make(bytes, item.Extension, item.Hash, PathOf), cancellation);
            if (picture is null) { refused.Add($"{item.OriginalName} ({item.FileName}): {problem}"); continue; }
            (item.Width, item.Height, item.Variants) = (picture.Width, picture.Height, string.Join(',', picture.Widths));
            await db.SaveChangesAsync(cancellation);
            made++;
        }
        return (made, refused);
    }

    /// <summary>
    /// A picture's alt text and caption, as typed (on one line each). Refused with the field, or, when someone saved the
    /// description after <paramref name="version"/> was read, with the saved item as the conflict's detail.
    /// </summary>
    public async Task<Outcome<MediaItem>> DescribeAsync(int id, string? alt, string? caption, uint version, CancellationToken cancellation = default)
    {
        var item = await db.Media.SingleOrDefaultAsync(m => m.Id == id, cancellation);
        if (item is null) return Refusal.NotFound("That file is no longer in the media library.");
        (alt, caption) = (Describing(alt), Describing(caption));
        var errors = new Dictionary<string, string>();
        if (alt?.Length > MaxAlt) errors["Alt"] = $"Alt text has at most {MaxAlt:N0} characters; this has {alt.Length:N0}. Say what the picture shows, briefly.";
        if (caption?.Length > MaxCaption) errors["Caption"] = $"A caption has at most {MaxCaption:N0} characters; this has {caption.Length:N0}.";
        if (errors.Count > 0) return Refusal.Invalid(errors);
        if (item.Version != version) return Conflict(item);
        db.Entry(item).Property(m => m.Version).OriginalValue = version;
        (item.Alt, item.Caption) = (alt, caption);
        try
        {
            await db.SaveChangesAsync(cancellation);
            return item;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict(await db.Media.AsNoTracking().SingleAsync(m => m.Id == id, cancellation));
        }

        static Refusal Conflict(MediaItem saved) =>
            Refusal.Conflict("Someone saved this picture's description after you opened it. Yours is still in the form: compare, then save again to keep it.", saved);
    }

    /// <summary>Alt text and captions are one line of text, whitespace folded; empty is null. Imports cut at <paramref name="max"/>.</summary>
    public static string? Describing(string? text, int max = int.MaxValue)
    {
        var kept = Publishing.Body.PlainText.TrimmedOrNull(text is null ? null : Publishing.Body.PlainText.Fold(text));
        return kept?.Length > max ? kept[..max].TrimEnd() : kept;
    }

    public string PathOf(string fileName) => PathOf(data, fileName);

    /// <summary>Files are sharded by the first two hex digits so no folder grows huge.</summary>
    public static string PathOf(DataFolder data, string fileName) => Path.Combine(data.Path, "media", fileName[..2], fileName);
}
