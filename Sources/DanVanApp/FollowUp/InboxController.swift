import DanVanDomain
import Foundation
import Hummingbird

/// The caller's notification inbox.
///
/// | method | path | |
/// | --- | --- | --- |
/// | GET | /inbox?offset= | the caller's notifications, the newest first (due-soon and overdue ones added for today first) |
/// | POST | /inbox/read | mark them all read |
struct InboxController: Sendable {
    let inbox: InboxStore
    let renderer: PageRenderer

    struct Line: Sendable, Encodable {
        var kind: String
        var kindKey: String
        var title: String
        var href: String
        var when: String
        var unread: Bool
    }

    struct Page: Sendable, Encodable {
        var notifications: [Line]
        var pager: Pager
        var unread: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let signedIn = router.signedIn()
        signedIn.get(SiteURL.Pattern.inbox) { request, context in
            var context = context
            let identity = context.identity, t = renderer.catalogue, language = context.language
            try await inbox.refresh(identity, today: CivilDate.today(now: Date()))
            let offset = Pager.offset(FormData.query(of: request)["offset"])
            let (rows, total) = try await inbox.page(userID: identity.userID, offset: offset)
            // The layout's count is the one read now, after the refresh (the request's identity read it before).
            let unread = try await inbox.unread(userID: identity.userID)
            context.identity.unread = unread
            let page = Page(notifications: rows.map {
                Line(kind: t.text("followup_notice_" + $0.kind, language), kindKey: $0.kind, title: $0.title,
                     href: Inbox.link(type: $0.subjectType, id: $0.subjectID),
                     when: VietnameseFormat.moment($0.createdAt, seconds: false), unread: $0.readAt == nil)
            }, pager: Pager(offset: offset, size: 30, shown: rows.count, total: total, catalogue: t, language: language) { SiteURL.inbox(offset: $0).path },
                            unread: unread > 0 ? VietnameseFormat.integer(unread) : nil)
            return renderer.render("followup/inbox", titleKey: "followup_inbox_title", page: page, context: context, section: "inbox")
        }
        signedIn.post(SiteURL.Pattern.inboxRead) { _, context in
            try await inbox.markRead(userID: context.identity.userID)
            return Response.redirect(to: SiteURL.inbox(offset: 0).path)
        }
    }
}
