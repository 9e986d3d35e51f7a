using Masthead.Articles;
using Masthead.Publishing.Sharing;

namespace Masthead.Publishing.Theme;

/// <summary>The types a template may read members of; anything else is invisible to Liquid.</summary>
public static class ThemeModels
{
    public static readonly Type[] Types =
    [
        typeof(SiteView), typeof(ArticleView), typeof(NoteView), typeof(ArticleCard), typeof(PersonLink), typeof(TermLink),
        typeof(TermGroup), typeof(OriginView), typeof(Pagination), typeof(Authors.AuthorView), typeof(Taxonomy.TermView),
        typeof(Search.SearchResults), typeof(Search.SearchHit), typeof(PageMeta), typeof(Feeds.FeedLink), typeof(ShareLink),
        typeof(Members.ReaderView), typeof(Members.TierView), typeof(Comments.CommentView), typeof(Comments.CommentsView), typeof(Comments.CommentFormView),
        typeof(Comments.CommentTarget), typeof(Comments.ReplyingTo), typeof(Members.PaymentsView), typeof(Members.NewsletterChoice), typeof(Members.FieldError), typeof(Members.MemberForm),
        typeof(Members.FormToken), typeof(Members.AccountView), typeof(Newsletters.NewsletterView), typeof(Newsletters.UnsubscribeView),
        typeof(Media.PictureView),
    ];
}
