using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Media;

/// <summary>An uploaded file, stored once under the data folder by the SHA-256 of its content.</summary>
public sealed class MediaItem
{
    public int Id { get; set; }
    /// <summary>Lowercase hex SHA-256 of the content; with the extension it is the file's name and URL.</summary>
    public required string Hash { get; set; }
    public required string Extension { get; set; }
    public required string ContentType { get; set; }
    /// <summary>The name it was uploaded under, for people; never used to decide what the file is.</summary>
    public required string OriginalName { get; set; }
    public long Size { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    /// <summary>What the picture shows, for readers who cannot see it; used wherever the picture is placed without its own.</summary>
    public string? Alt { get; set; }
    /// <summary>Caption or credit ("Photo: …"), shown under the picture where it is placed with one.</summary>
    public string? Caption { get; set; }
    /// <summary>The widths resized copies were made at (<see cref="ImageVariants"/>), comma-separated; null when none were.</summary>
    public string? Variants { get; set; }
    public DateTime UploadedAt { get; set; }
    public int? UploadedById { get; set; }
    /// <summary>Moves on every save; a description saved from an older one is refused (<see cref="Data.ConcurrencyVersions"/>).</summary>
    public uint Version { get; set; }

    public string FileName => Hash + Extension;
    public string Url => MediaRoutes.Url(FileName);
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
    /// <summary>The smallest copy there is, for the back office's lists and previews.</summary>
    public string SmallestUrl => VariantWidths.Count > 0 ? MediaRoutes.Url(ImageVariants.FileName(Hash, VariantWidths[0], Extension)) : Url;
    public IReadOnlyList<int> VariantWidths => Variants is { Length: > 0 } v ? v.Split(',').Select(int.Parse).ToList() : [];

    /// <summary>The content type of one of this item's files: itself, or one of its variants; null for any other name.</summary>
    public string? TypeOf(string fileName)
    {
        if (fileName == FileName) return ContentType;
        foreach (var width in VariantWidths)
            foreach (var format in ImageVariants.Formats(Extension))
                if (fileName == ImageVariants.FileName(Hash, width, format)) return format == ".webp" ? "image/webp" : ContentType;
        return null;
    }
}

public static class MediaRoutes
{
    public const string Prefix = "/media/";
    public static string Url(string fileName) => Prefix + fileName;
}

internal sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> media)
    {
        media.HasIndex(m => m.Hash).IsUnique();
        media.Property(m => m.Hash).HasMaxLength(64);
        media.Property(m => m.Extension).HasMaxLength(10);
        media.Property(m => m.ContentType).HasMaxLength(100);
        media.Property(m => m.OriginalName).HasMaxLength(300);
        media.Property(m => m.Variants).HasMaxLength(100);
        media.Property(m => m.Alt).HasMaxLength(MediaLibrary.MaxAlt);
        media.Property(m => m.Caption).HasMaxLength(MediaLibrary.MaxCaption);
    }
}
