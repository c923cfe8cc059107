import DanVanDomain
import FluentKit
import Foundation
import SQLKit

/// The default indicators and the monthly form (DOMAIN.md §4.6, seeds 000 and 002), loaded by
/// the migration; a national administrator changes them afterwards on the pages.
enum ReportingCatalogue {
    /// One default indicator: code, name, unit, how it adds up and where it comes from.
    struct Entry: Sendable {
        var code: String
        var name: String
        var unit: String
        var aggregation: IndicatorAggregation = .sum
        var source: Indicator.Source = .entered
        /// For `records`: the key of its definition against a module's records.
        var computation: String? = nil
        var fractionDigits = 0
    }

    /// A section of the default form and its indicators' codes.
    struct Section: Sendable {
        var heading: String
        var codes: [String]
    }

    static let indicators: [Entry] = [
        // Computed from the records of the modules: never typed, never stored as a copy.
        .init(code: "TIEP_DAN_LUOT", name: "Lượt công dân được tiếp", unit: "lượt", source: .records, computation: "reception.visits"),
        .init(code: "DON_TIEP_NHAN", name: "Đơn thư tiếp nhận", unit: "đơn", source: .records, computation: "letters.received"),
        .init(code: "DON_THUOC_THAM_QUYEN", name: "Đơn thư thuộc thẩm quyền giải quyết", unit: "đơn", source: .records, computation: "letters.competent"),
        .init(code: "DON_DA_GIAI_QUYET", name: "Đơn thư thuộc thẩm quyền đã giải quyết", unit: "đơn", source: .records, computation: "letters.resolved"),
        .init(code: "DON_TY_LE_GIAI_QUYET", name: "Tỷ lệ giải quyết đơn thư thuộc thẩm quyền", unit: "%",
              aggregation: .ratio(numerator: "DON_DA_GIAI_QUYET", denominator: "DON_THUOC_THAM_QUYEN", factor: 100), source: .indicators, fractionDigits: 2),
        .init(code: "MO_HINH_DANG_KY", name: "Mô hình “Dân vận khéo” đăng ký trong năm", unit: "mô hình", source: .records, computation: "models.registered"),
        .init(code: "HOI_NGHI", name: "Hội nghị tiếp xúc, đối thoại với Nhân dân", unit: "cuộc", source: .records, computation: "meetings.held"),
        .init(code: "Y_KIEN_TIEP_NHAN", name: "Ý kiến, kiến nghị của Nhân dân tiếp nhận", unit: "ý kiến", source: .records, computation: "opinions.received"),
        .init(code: "Y_KIEN_DA_TRA_LOI", name: "Ý kiến, kiến nghị đã được trả lời", unit: "ý kiến", source: .records, computation: "opinions.answered"),
        .init(code: "Y_KIEN_TY_LE_TRA_LOI", name: "Tỷ lệ ý kiến, kiến nghị đã được trả lời", unit: "%",
              aggregation: .ratio(numerator: "Y_KIEN_DA_TRA_LOI", denominator: "Y_KIEN_TIEP_NHAN", factor: 100), source: .indicators, fractionDigits: 2),
        .init(code: "NHIEM_VU_HOAN_THANH", name: "Nhiệm vụ được giao đã hoàn thành", unit: "việc", source: .records, computation: "followup.done"),
        .init(code: "NHIEM_VU_QUA_HAN", name: "Nhiệm vụ được giao quá hạn chưa hoàn thành", unit: "việc", source: .records, computation: "followup.overdue"),
        .init(code: "KHAO_SAT_PHIEU", name: "Phiếu khảo sát sự hài lòng", unit: "phiếu", source: .records, computation: "surveys.answers"),
        .init(code: "KHAO_SAT_HAI_LONG", name: "Phiếu hài lòng và rất hài lòng", unit: "phiếu", source: .records, computation: "surveys.satisfied"),
        .init(code: "KHAO_SAT_TY_LE_HAI_LONG", name: "Tỷ lệ hài lòng", unit: "%",
              aggregation: .ratio(numerator: "KHAO_SAT_HAI_LONG", denominator: "KHAO_SAT_PHIEU", factor: 100), source: .indicators, fractionDigits: 2),
        // Entered by the organisation (seed 000: Dầu Tiếng 2018; seed 002: Chư Pưh 2022).
        .init(code: "TUYEN_TRUYEN_BUOI", name: "Buổi tuyên truyền", unit: "buổi"),
        .init(code: "TUYEN_TRUYEN_LUOT", name: "Lượt người tham dự tuyên truyền", unit: "lượt người"),
        .init(code: "TUYEN_TRUYEN_ATGT_BUOI", name: "Buổi tuyên truyền luật giao thông đường bộ", unit: "buổi"),
        .init(code: "TUYEN_TRUYEN_ATGT_LUOT", name: "Lượt người tham dự tuyên truyền luật giao thông", unit: "lượt người"),
        .init(code: "TIN_BAI", name: "Tin, bài tuyên truyền", unit: "tin, bài"),
        .init(code: "VAN_DONG_TIEN", name: "Tiền Nhân dân đóng góp (đường giao thông, chiếu sáng …)", unit: "đồng"),
        .init(code: "VAN_DONG_NGAY_CONG", name: "Ngày công lao động Nhân dân đóng góp", unit: "ngày công"),
        .init(code: "HIEN_DAT", name: "Đất Nhân dân hiến", unit: "m²"),
        .init(code: "QUA_CHINH_SACH", name: "Phần quà tặng đối tượng chính sách, người có công", unit: "phần quà"),
        .init(code: "QUA_XA_HOI", name: "Phần quà tặng đối tượng xã hội, hộ nghèo, trẻ em khó khăn", unit: "phần quà"),
        .init(code: "HO_SO_CHINH_SACH", name: "Hồ sơ chính sách đã giải quyết (mai táng phí, trợ cấp …)", unit: "hồ sơ"),
        .init(code: "NHA_TINH_NGHIA", name: "Nhà tình nghĩa bàn giao", unit: "căn"),
        .init(code: "NHA_DAI_DOAN_KET", name: "Nhà Đại đoàn kết, nhân ái, tình thương bàn giao", unit: "căn"),
        .init(code: "THE_BHYT", name: "Thẻ bảo hiểm y tế cấp cho hộ nghèo, cận nghèo", unit: "thẻ"),
        .init(code: "LOP_DAY_NGHE", name: "Lớp dạy nghề cho lao động nông thôn", unit: "lớp"),
        .init(code: "HOC_VIEN_NGHE", name: "Học viên học nghề", unit: "người"),
        .init(code: "GIOI_THIEU_VIEC_LAM", name: "Lao động được giới thiệu việc làm", unit: "người"),
        .init(code: "THU_CHUC_MUNG", name: "Thư chúc mừng (khai sinh, kết hôn …)", unit: "thư"),
        .init(code: "THU_CHIA_BUON", name: "Thư chia buồn", unit: "thư"),
    ]

    /// The monthly form's code and name.
    static let monthlyForm = (code: "DV_THANG", name: "Báo cáo công tác dân vận hằng tháng")

    static let monthlySections: [Section] = [
        .init(heading: "I. Tiếp công dân, đơn thư, ý kiến của Nhân dân",
              codes: ["TIEP_DAN_LUOT", "DON_TIEP_NHAN", "DON_THUOC_THAM_QUYEN", "DON_DA_GIAI_QUYET", "DON_TY_LE_GIAI_QUYET",
                      "HOI_NGHI", "Y_KIEN_TIEP_NHAN", "Y_KIEN_DA_TRA_LOI", "Y_KIEN_TY_LE_TRA_LOI", "NHIEM_VU_HOAN_THANH", "NHIEM_VU_QUA_HAN"]),
        .init(heading: "II. Công tác tuyên truyền, vận động",
              codes: ["TUYEN_TRUYEN_BUOI", "TUYEN_TRUYEN_LUOT", "TUYEN_TRUYEN_ATGT_BUOI", "TUYEN_TRUYEN_ATGT_LUOT", "TIN_BAI"]),
        .init(heading: "III. Huy động nguồn lực, an sinh xã hội",
              codes: ["VAN_DONG_TIEN", "VAN_DONG_NGAY_CONG", "HIEN_DAT", "QUA_CHINH_SACH", "QUA_XA_HOI", "HO_SO_CHINH_SACH",
                      "NHA_TINH_NGHIA", "NHA_DAI_DOAN_KET", "THE_BHYT", "LOP_DAY_NGHE", "HOC_VIEN_NGHE", "GIOI_THIEU_VIEC_LAM",
                      "THU_CHUC_MUNG", "THU_CHIA_BUON"]),
        .init(heading: "IV. Phong trào thi đua “Dân vận khéo”, sự hài lòng của Nhân dân",
              codes: ["MO_HINH_DANG_KY", "KHAO_SAT_PHIEU", "KHAO_SAT_HAI_LONG", "KHAO_SAT_TY_LE_HAI_LONG"]),
    ]

    /// Rules the default form checks between its indicators (one ``ValidationRule`` each).
    static let monthlyRules = [
        "TUYEN_TRUYEN_ATGT_BUOI <= TUYEN_TRUYEN_BUOI",
        "TUYEN_TRUYEN_ATGT_LUOT <= TUYEN_TRUYEN_LUOT",
        "HOC_VIEN_NGHE >= LOP_DAY_NGHE",
    ]

    /// The catalogue as the domain checks it (codes, ratios of sums that exist, no ratio of a ratio).
    static var domainIndicators: [Indicator] {
        indicators.map { entry in
            Indicator(code: entry.code, name: entry.name, unit: entry.unit,
                      valueType: entry.fractionDigits == 0 ? .count : .decimal(entry.fractionDigits),
                      aggregation: entry.aggregation, source: entry.source)
        }
    }

    /// Writes the default catalogue and the monthly form (first version from 01/01/2018, so the
    /// demo's 2018 and 2022 reports have a form): the commune and district organisations report
    /// monthly, closing on the 14th, entry open from the 15th to the 20th, to the Ban Dân vận above.
    static func load(on database: any SQLDatabase, now: Date = Date()) async throws {
        var ids: [String: UUID] = [:]
        for (position, entry) in indicators.enumerated() {
            var numerator: String?, denominator: String?, factor: Double?
            if case .ratio(let n, let d, let f) = entry.aggregation { (numerator, denominator, factor) = (n, d, f) }
            let record = IndicatorRecord(
                id: UUID(), code: entry.code, name: entry.name, unit: entry.unit, fractionDigits: entry.fractionDigits, allowsNegative: false,
                aggregation: entry.aggregation.storedName, numeratorCode: numerator, denominatorCode: denominator, factor: factor,
                source: entry.source.storedName, computation: entry.computation, sortOrder: (position + 1) * 10, createdAt: now, updatedAt: now)
            ids[entry.code] = record.id
            try await database.insert(into: "indicators").values(of: record).run()
        }
        let form = ReportFormRecord(id: UUID(), code: monthlyForm.code, name: monthlyForm.name, createdAt: now, updatedAt: now)
        try await database.insert(into: "report_forms").values(of: form).run()
        let version = ReportFormVersionRecord(
            id: UUID(), formID: form.id, validFrom: "2018-01-01", frequency: ReportingFrequency.month.rawValue, cutOffDay: 14, cutOffMonth: nil,
            opensAfter: 1, closesAfter: 6,
            organisationKinds: "party_committee,peoples_committee,fatherland_front,farmers_union,womens_union,youth_union,veterans_association,police,military_command",
            levels: "2,3", approverKinds: "dan_van_board,propaganda_dan_van_board",
            validationRules: monthlyRules.joined(separator: "\n"), createdBy: "danvan", createdAt: now)
        try await database.insert(into: "report_form_versions").values(of: version).run()
        var items: [ReportFormItemRecord] = []
        for section in monthlySections {
            for code in section.codes {
                items.append(ReportFormItemRecord(id: UUID(), versionID: version.id, section: section.heading, position: items.count + 1,
                                                  indicatorID: ids[code]!, required: false))
            }
        }
        try await database.insert(into: "report_form_items").values(ofAll: items).run()
    }
}

extension IndicatorAggregation {
    /// Its value in `indicators.aggregation`.
    var storedName: String {
        switch self {
        case .sum: "sum"
        case .ratio: "ratio"
        case .latest: "latest"
        }
    }
}

extension Indicator.Source {
    /// Its value in `indicators.source`.
    var storedName: String {
        switch self {
        case .entered: "entered"
        case .records: "records"
        case .indicators: "indicators"
        }
    }
}

/// Loads the default reporting catalogue (a separate step from the tables, so a database that has
/// the tables gets the catalogue once).
struct LoadReportingCatalogue: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await ReportingCatalogue.load(on: database as! any SQLDatabase)
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in ["report_form_items", "report_form_versions", "report_forms", "indicators"] {
            try await sql.delete(from: table).run()
        }
    }
}
