import FluentKit

/// Every migration, in order. Add new ones at the end; never edit a released one.
enum DanVanMigrations {
    static var all: [any Migration] {
        [CreateHierarchy(), CreateOrganisations(), CreateAccounts(), CreateAuditLog(), CreateCalendarAndRules(), CreateReception(), CreateLetters(),
         AddLetterIndexes(), AddLetterSearchIndex(), AddLetterFigureIndex(),
         AddLetterSearchCover(), CreateStatisticsForms(), ExtendLetterFigureIndex(),
         AddLetterNotifiedOn(), RenameColumns.whoActed,
         CreateThrottleEvents(), UpdateStatisticsFormsNestHeadings(), AddVisitCitizen(), CreateSurveys(),
         CreateSurveyAnswerCounts(), AddSurveyCountsCover(),
         CreateModels(), CreateFollowUps(), AddMeetingPlaceAndPublicText(), AddNotificationOrganisation(), AddNotificationMail(),
         AddDocumentReplacesIndex(), CreateDocumentFiles(),
         CreateReporting(), LoadReportingCatalogue(),
         AddReportFiguresIndex(), CreateDataValueTotals(), CreateModelRatingLevels(), AddOpinionRaiser()]
    }
}
