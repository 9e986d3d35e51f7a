using NetVips;

namespace Masthead.Media;

/// <summary>
/// What an uploaded picture becomes, with libvips (NetVips and its bundled native build): turned upright by its EXIF
/// orientation, converted to sRGB, stripped of all metadata (camera, location, comments), and resized once to the widths
/// pages ask for, in its own format and in WebP, as <c>{hash}-{width}{ext}</c> beside it. The file under the hash's own
/// name is the upright, stripped picture at full size; what was uploaded is not kept. A GIF is kept as uploaded: its
/// frames would not survive.
/// </summary>
public static class ImageVariants
{
    public static readonly int[] Widths = [480, 800, 1200, 1600, 2400];

    // libvips keeps recent operations and their pixels for reuse; an upload is processed once, so nothing is worth keeping.
    static ImageVariants() => Cache.Max = 0;

    /// <summary>Pixels beyond which a picture is refused rather than decoded (a 10,000 × 10,000 photo is 100 million).</summary>
    public const long MaxPixels = 100_000_000;

    public sealed record Made(int Width, int Height, IReadOnlyList<int> Widths);

    public static bool Resizable(string contentType) => contentType is "image/jpeg" or "image/png" or "image/webp" or "image/avif";

    /// <summary>The extensions each variant is written in, the original's first.</summary>
    public static IEnumerable<string> Formats(string extension) => extension == ".webp" ? [".webp"] : [extension, ".webp"];

    /// <summary>The name of one variant's file, beside the picture's own.</summary>
    public static string FileName(string hash, int width, string format) => $"{hash}-{width}{format}";

    /// <summary>
    /// Writes the picture and its variants with <paramref name="pathOf"/> naming each file; the reason when the bytes are
    /// not a picture libvips can read.
    /// </summary>
    public static (Made? Made, string? Problem) Make(byte[] bytes, string extension, string hash, Func<string, string> pathOf)
    {
        try
        {
            using (var header = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential))
                if ((long)header.Width * header.Height > MaxPixels)
                    return (null, $"it is {header.Width} × {header.Height} pixels; the limit is {MaxPixels / 1_000_000} million");
            // Each copy is its own pass over the upload: libvips streams it and decodes a JPEG at 1/2, 1/4 or 1/8 of its size
            // when that is enough, so memory stays near one small copy, not the whole decoded picture.
            int width, height;
            using (var full = Image.ThumbnailBuffer(bytes, 1_000_000, height: 1_000_000, size: Enums.Size.Down, outputProfile: "srgb"))
            {
                Save(full, pathOf(hash + extension), extension, full: true);
                (width, height) = (full.Width, full.Height);
            }
            var made = new List<int>();
            foreach (var target in Widths.Where(w => w < width))
            {
                using var smaller = Image.ThumbnailBuffer(bytes, target, height: 1_000_000, outputProfile: "srgb");
                using var kept = smaller.CopyMemory();
                foreach (var format in Formats(extension)) Save(kept, pathOf(FileName(hash, target, format)), format, full: false);
                made.Add(target);
            }
            return (new Made(width, height, made), null);
        }
        catch (VipsException error)
        {
            return (null, "it cannot be read as a picture (" + error.Message.Split('\n')[0].Trim() + ")");
        }
    }

    private static void Save(Image image, string path, string format, bool full)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        switch (format)
        {
            case ".jpg": image.Jpegsave(temporary, q: full ? 90 : 82, optimizeCoding: !full, keep: Enums.ForeignKeep.None); break;
            case ".png": image.Pngsave(temporary, keep: Enums.ForeignKeep.None); break;
            case ".webp": image.Webpsave(temporary, q: full ? 90 : 80, effort: 2, keep: Enums.ForeignKeep.None); break;
            case ".avif": image.Heifsave(temporary, q: full ? 70 : 55, compression: Enums.ForeignHeifCompression.Av1, effort: 2, keep: Enums.ForeignKeep.None); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "not a format Masthead writes");
        }
        File.Move(temporary, path, overwrite: true);
    }
}
