import DanVanDomain
import Foundation

enum CivilDateFixtures {
    static var today: CivilDate { CivilDate.today(now: Date()) }
}
