// The registry of diagnostic codes (codes.hpp). One line per code, sorted by code; the
// meaning says what the code reports wherever it is reported, in Vietnamese. Add a code here
// before using it; tests/unit/core/codes_test.cpp fails on a code used but not registered, or
// registered but not used.
#include "codes.hpp"

#include <algorithm>
#include <iterator>

namespace tdkt::core {
namespace {

constexpr Severity kErr = Severity::Error;
constexpr Severity kWarn = Severity::Warning;
constexpr Severity kNote = Severity::Note;

constexpr std::string_view kArchive = "archive";     // A: archive/
constexpr std::string_view kCore = "core";           // C: files and settings (pipeline/core)
constexpr std::string_view kJob = "job";             // J: pipeline/job
constexpr std::string_view kCatalogue = "catalogue"; // K: the award catalogue
constexpr std::string_view kMoney = "money";         // M: award money (pipeline/award)
constexpr std::string_view kRules = "rules";         // L: the rules file (config/rules.xml)
constexpr std::string_view kNormalize = "normalize"; // N: pipeline/normalize
constexpr std::string_view kRender = "render";       // R: pipeline/render
constexpr std::string_view kTemplate = "template";   // T: pipeline/template
constexpr std::string_view kCli = "cli";             // U: the command line (pipeline/app)
constexpr std::string_view kValidate = "validate";   // V: pipeline/validate
constexpr std::string_view kXml = "xml";             // X: XML input (pipeline/core/xml)

constexpr CodeInfo kCodes[] = {
    {"A001", kArchive, kErr, "không tạo được thư mục trong kho lưu trữ"},
    {"A003", kArchive, kErr,
     "không tạo được thư mục tạm để lưu trữ, hoặc thư mục tạm không thuộc kho"},
    {"A004", kArchive, kErr, "siêu dữ liệu lưu trữ tạo ra không đúng lược đồ (lỗi nội bộ)"},
    {"A005", kArchive, kErr, "thiếu tệp trong thư mục tạm khi lưu trữ (lỗi nội bộ)"},
    {"A006", kArchive, kErr, "số quyết định hoặc số sổ vàng đã được dùng"},
    {"A007", kArchive, kErr, "đã có quyết định lưu trữ tại vị trí này"},
    {"A008", kArchive, kErr, "lưu trữ khi chưa giữ khóa của kho (lỗi nội bộ)"},
    {"A009", kArchive, kErr,
     "không đọc được hoặc không tạo được sổ đăng ký số quyết định, sổ vàng"},
    {"A010", kArchive, kErr, "kho lưu trữ đang được một tiến trình khác sử dụng"},
    {"A011", kArchive, kErr, "không tạo, mở hoặc khóa được tệp khóa của kho lưu trữ"},
    {"A012", kArchive, kErr, "không mở hoặc không ghi được nhật ký kho lưu trữ"},
    {"A013", kArchive, kErr, "lỗi đọc, ghi chỉ mục tìm kiếm"},
    {"A014", kArchive, kErr,
     "thông tin quyết định cần lưu trữ không hợp lệ (mã cơ quan, năm, số, tên tệp)"},
    {"A015", kArchive, kErr, "chưa có chỉ mục tìm kiếm hoặc chỉ mục thuộc phiên bản cũ"},
    {"A016", kArchive, kErr, "không hoàn tất được lần lưu trữ bị gián đoạn"},
    {"A017", kArchive, kErr, "thiếu hàm tạo khóa tìm kiếm (lỗi nội bộ)"},
    {"A018", kArchive, kErr, "không tìm thấy thư mục gói cần kiểm tra"},
    {"A019", kArchive, kErr,
     "quyết định được thay thế không có trong kho của cơ quan (lỗi nội bộ)"},
    {"A020", kArchive, kErr, "thuật toán băm của gói không được hỗ trợ (lỗi nội bộ)"},
    {"A030", kArchive, kErr, "không đọc được thư mục dữ liệu của gói"},
    {"A031", kArchive, kErr, "không tạo được tệp của gói"},
    {"A032", kArchive, kErr, "lỗi ghi tệp của gói"},
    {"A033", kArchive, kErr, "không đồng bộ được tệp hoặc thư mục xuống đĩa"},
    {"A034", kArchive, kErr, "không đọc được thư mục tạm"},
    {"A040", kArchive, kErr, "tệp không phải siêu dữ liệu quyết định"},
    {"A060", kArchive, kErr, "không đọc được tệp cấu hình thời hạn bảo quản"},
    {"A061", kArchive, kErr, "tệp cấu hình thời hạn bảo quản không hợp lệ"},
    {"A062", kArchive, kErr,
     "quy tắc thời hạn bảo quản chồng lấn, hoặc một cấp được liệt kê hai lần"},
    {"A063", kArchive, kErr,
     "quy tắc thời hạn bảo quản có ngày hết hiệu lực không sau ngày bắt đầu"},
    {"A064", kArchive, kErr, "thiếu quy tắc thời hạn bảo quản cho một khoảng thời gian"},
    {"A065", kArchive, kErr, "không có quy tắc thời hạn bảo quản nào cho một loại tài liệu"},
    {"A066", kArchive, kErr,
     "không có thời hạn bảo quản cho loại tài liệu, cấp cơ quan và ngày này"},
    // K020, M020, A070, C021: a fact the configuration marks unverified, a warning (a note in
    // `tdkt config check` when the fact is only "probable").
    {"A070", kArchive, kWarn, "thời hạn bảo quản chưa được xác minh"},
    {"A200", kArchive, kErr, "thiếu tệp bagit.txt hoặc tệp sai định dạng"},
    {"A201", kArchive, kErr, "mã băm của tệp dữ liệu không khớp manifest"},
    {"A202", kArchive, kErr, "tệp có trong manifest nhưng không tồn tại"},
    {"A203", kArchive, kErr, "tệp dữ liệu thừa, không có trong manifest"},
    {"A204", kArchive, kErr, "mã băm của tệp thẻ không khớp tagmanifest"},
    {"A205", kArchive, kErr, "tệp có trong tagmanifest nhưng không tồn tại"},
    {"A206", kArchive, kErr, "tệp bag-info.txt sai định dạng hoặc Payload-Oxum không khớp"},
    {"A207", kArchive, kErr,
     "không kiểm tra được manifest hay dữ liệu của gói (thiếu, sai định dạng, không đọc được, "
     "thuật toán băm không hỗ trợ)"},
    // A warning for a bag older than BagIt 1.0 listing one file twice with the same digest.
    {"A208", kArchive, kErr, "tệp được liệt kê nhiều lần trong manifest"},
    {"A209", kArchive, kErr, "siêu dữ liệu quyết định thiếu hoặc không đúng lược đồ"},
    {"A210", kArchive, kErr, "siêu dữ liệu bằng/giấy khen thiếu hoặc không đúng lược đồ"},
    {"A211", kArchive, kErr, "sổ đăng ký số quyết định ghi số cuối nhỏ hơn số đã lưu"},
    {"A212", kArchive, kErr, "số quyết định bị dùng nhiều lần"},
    {"A213", kArchive, kErr, "sổ đăng ký số quyết định bị thiếu hoặc hỏng, sổ vàng bị hỏng"},
    {"A214", kArchive, kErr, "mục lạ trong cây lưu trữ"},
    {"A215", kArchive, kErr, "đường dẫn trong manifest nằm ngoài vùng cho phép của gói"},
    {"A216", kArchive, kErr, "vị trí lưu không khớp siêu dữ liệu quyết định"},
    {"A217", kArchive, kErr,
     "tệp fetch.txt có dòng sai định dạng hoặc đường dẫn ngoài thư mục data/"},
    {"A219", kArchive, kErr,
     "tệp thẻ của gói không đúng bảng mã khai báo, hoặc bảng mã không được hỗ trợ"},
    {"A220", kArchive, kErr, "chỉ mục tìm kiếm thuộc phiên bản cũ hoặc không đọc được"},
    {"A221", kArchive, kErr,
     "quyết định thiếu trong chỉ mục tìm kiếm, hoặc số người/tập thể không khớp"},
    {"A222", kArchive, kErr, "chỉ mục tìm kiếm có quyết định không còn trong kho"},
    {"A223", kArchive, kErr, "khóa tìm kiếm của quyết định trong chỉ mục bị thiếu hoặc thừa"},
    {"A224", kArchive, kErr, "sổ vàng thiếu hoặc ghi số cuối nhỏ hơn số đã lưu"},
    {"A225", kArchive, kErr,
     "quyết định được thay thế không có trong kho hoặc thuộc cơ quan ban hành khác"},
    {"A226", kArchive, kErr, "quyết định bị thay thế nhiều lần"},
    {"A227", kArchive, kErr, "siêu dữ liệu hồ sơ không đúng lược đồ"},
    {"A228", kArchive, kErr, "số sổ vàng bị dùng nhiều lần"},
    // Warnings of `tdkt verify`: the bag is usable but not quite BagIt.
    {"A250", kArchive, kWarn, "thuật toán băm đã lỗi thời (MD5, SHA-1)"},
    {"A251", kArchive, kWarn, "dấu «*» của md5sum trước đường dẫn trong manifest"},
    {"A252", kArchive, kWarn, "đường dẫn trong manifest có tiền tố «./»"},
    {"A253", kArchive, kWarn,
     "tên tệp chỉ khác tên tệp khác ở chữ hoa/thường hoặc cách chuẩn hóa Unicode"},
    {"A254", kArchive, kWarn, "tệp hệ thống trong dữ liệu hoặc manifest của gói"},
    {"A255", kArchive, kWarn, "gói chưa có siêu dữ liệu hồ sơ"},
    // Notes of `tdkt verify`.
    {"A290", kArchive, kNote, "thư mục tạm còn sót lại trong kho"},
    {"A291", kArchive, kNote, "tệp chưa được tải về (có trong fetch.txt)"},
    {"A292", kArchive, kNote, "chưa có chỉ mục tìm kiếm"},
    {"A293", kArchive, kNote,
     "lần lưu quyết định bị dừng sau khi gói đã vào kho, sẽ được hoàn tất ở lần khóa kho tiếp "
     "theo"},
    {"A401", kArchive, kErr,
     "tệp lịch sử khen thưởng không đọc được: không phải UTF-8, trống hoặc thiếu dòng tiêu đề"},
    {"A402", kArchive, kErr, "thiếu cột bắt buộc trong dòng tiêu đề của tệp lịch sử khen thưởng"},
    {"A403", kArchive, kWarn, "cột không dùng đến trong tệp lịch sử khen thưởng, bỏ qua"},
    {"A404", kArchive, kErr,
     "cột xuất hiện hai lần trong dòng tiêu đề của tệp lịch sử khen thưởng"},
    {"A405", kArchive, kErr, "thiếu giá trị bắt buộc trong một dòng lịch sử khen thưởng"},
    {"A406", kArchive, kErr,
     "giá trị không hợp lệ trong một dòng lịch sử khen thưởng (loại đối tượng, năm sinh, năm, "
     "ngày quyết định)"},
    {"A407", kArchive, kErr,
     "dòng của tệp lịch sử khen thưởng sai cấu trúc CSV (thừa ô, ngoặc kép không đóng)"},
    {"A411", kArchive, kErr, "tệp lịch sử khen thưởng không có dòng khen thưởng nào"},
    {"A412", kArchive, kNote,
     "hình thức khen thưởng của tệp lịch sử không có trong danh mục, giữ nguyên tên"},
    {"A420", kArchive, kErr, "không tạo được thư mục lịch sử khen thưởng của kho"},
    {"A430", kArchive, kErr, "bản sao tệp lịch sử khen thưởng đã nhập bị thiếu hoặc bị thay đổi"},
    {"A431", kArchive, kErr,
     "bản ghi lần nhập lịch sử khen thưởng không đọc được hoặc không khớp tệp đã nhập"},
    {"A432", kArchive, kErr, "mục lạ trong thư mục lịch sử khen thưởng của kho"},
    {"A433", kArchive, kNote,
     "lần nhập lịch sử khen thưởng bị dừng giữa chừng (chạy lại lệnh nhập để hoàn tất)"},
    {"A501", kArchive, kErr, "không đọc được danh sách tiền tố tập thể nhỏ"},
    {"A502", kArchive, kErr, "không đọc được siêu dữ liệu quyết định khi lập báo cáo"},
    {"A601", kArchive, kErr, "kho có gói hỏng, không xuất được"},
    {"A602", kArchive, kErr, "tệp xuất đã tồn tại"},
    {"A603", kArchive, kErr, "lỗi đọc, ghi khi đóng gói tệp xuất"},
    {"A604", kArchive, kErr, "tệp thay đổi trong khi đóng gói"},
    {"A605", kArchive, kErr, "kho không có hồ sơ nào để xuất"},
    {"A606", kArchive, kErr, "không tìm thấy thư mục kho lưu trữ"},
    {"A607", kArchive, kErr, "gói có mục không phải tệp thường hay thư mục"},

    {"C001", kCore, kErr, "không mở được tệp để tính mã băm"},
    {"C002", kCore, kErr, "lỗi đọc tệp khi tính mã băm"},
    {"C003", kCore, kErr, "không mở được tệp"},
    {"C004", kCore, kErr, "lỗi đọc tệp"},
    {"C005", kCore, kErr, "thuật toán băm không được hỗ trợ (lỗi nội bộ)"},
    {"C006", kCore, kErr, "tệp lớn quá giới hạn"},
    {"C010", kCore, kErr, "không mở được tệp hoặc thư mục để đồng bộ xuống đĩa"},
    {"C011", kCore, kErr, "không đồng bộ được xuống đĩa"},
    {"C012", kCore, kErr, "không tạo được tệp"},
    {"C013", kCore, kErr, "lỗi ghi tệp"},
    {"C014", kCore, kErr, "không đổi tên được tệp"},
    {"C020", kCore, kErr, "biến môi trường cấu hình không dùng được"},
    {"C021", kCore, kWarn, "dữ kiện cấu hình (cơ quan ban hành, máy in) chưa được xác minh"},

    {"J001", kJob, kErr, "cơ quan ban hành không có hoặc không còn thẩm quyền vào ngày quyết định"},
    {"J002", kJob, kErr,
     "cơ quan ban hành không có thẩm quyền quyết định loại khen thưởng này vào ngày quyết định"},
    {"J003", kJob, kErr, "hồ sơ không hợp lệ, không ghi gì vào kho lưu trữ"},
    {"J004", kJob, kErr,
     "danh mục khen thưởng không có quy định cho loại khen thưởng vào ngày quyết định"},
    {"J010", kJob, kErr, "không có mẫu văn bản mang tên này"},

    {"K001", kCatalogue, kErr, "không đọc được danh mục khen thưởng"},
    {"K002", kCatalogue, kErr, "danh mục khen thưởng không hợp lệ"},
    {"K003", kCatalogue, kErr,
     "thời gian hiệu lực trong danh mục khen thưởng kết thúc không sau ngày bắt đầu"},
    {"K004", kCatalogue, kErr, "hai quy định của một loại khen thưởng cùng áp dụng một ngày"},
    {"K005", kCatalogue, kErr,
     "quy định trong danh mục khen thưởng ghi sai (tiền thưởng, đối tượng, hiện vật)"},
    {"K006", kCatalogue, kErr, "loại khen thưởng thiếu lời văn quyết định hoặc mẫu in hiện vật"},
    {"K007", kCatalogue, kErr, "một tên gọi dùng cho hai loại khen thưởng"},
    {"K010", kCatalogue, kErr, "lời văn trong danh mục khen thưởng sai cú pháp mẫu"},
    {"K020", kCatalogue, kWarn, "dữ kiện danh mục khen thưởng chưa được xác minh"},
    {"K030", kCatalogue, kErr, "không đọc được tệp quy tắc kiểm tra (config/rules.xml)"},
    {"K031", kCatalogue, kErr, "tệp quy tắc kiểm tra không hợp lệ"},
    {"K032", kCatalogue, kErr, "quy tắc kiểm tra có ngày hết hiệu lực không sau ngày bắt đầu"},
    {"K033", kCatalogue, kErr, "hai quy tắc cùng mã cùng áp dụng một ngày"},
    {"K034", kCatalogue, kErr, "một mã quy tắc dùng cho hai loại quy tắc"},
    {"K035", kCatalogue, kErr, "quy tắc nêu loại khen thưởng không có trong danh mục"},
    {"K036", kCatalogue, kWarn, "quy tắc kiểm tra hồ sơ chưa được xác minh"},

    // The rules of config/rules.xml: the severity is the shipped one, an office may change it.
    {"L001", kRules, kErr, "hồ sơ thiếu báo cáo thành tích"},
    {"L002", kRules, kErr, "hồ sơ thiếu biên bản xét của Hội đồng Thi đua - Khen thưởng"},
    {"L003", kRules, kErr, "sáng kiến dùng để xét Chiến sĩ thi đua thiếu giấy chứng nhận"},
    {"L004", kRules, kErr, "biên bản xét lập sau tờ trình"},
    {"L005", kRules, kErr, "tờ trình ghi ngày sau ngày quyết định"},
    {"L006", kRules, kErr, "ngày trong hồ sơ sau ngày kiểm tra"},
    {"L010", kRules, kErr, "chưa đủ tiêu chuẩn Bằng khen cấp tỉnh cho cá nhân"},
    {"L011", kRules, kErr, "chưa đủ tiêu chuẩn Chiến sĩ thi đua cấp tỉnh"},
    {"L012", kRules, kErr, "chưa đủ tiêu chuẩn Chiến sĩ thi đua cơ sở"},
    {"L013", kRules, kErr, "chưa đủ tiêu chuẩn Lao động tiên tiến"},
    {"L014", kRules, kErr, "chưa đủ tiêu chuẩn Chiến sĩ thi đua toàn quốc"},
    {"L015", kRules, kErr, "chưa đủ tiêu chuẩn Bằng khen Thủ tướng Chính phủ cho cá nhân"},
    {"L020", kRules, kWarn, "số Chiến sĩ thi đua cơ sở vượt tỷ lệ so với Lao động tiên tiến"},
    {"L021", kRules, kErr,
     "người được đề nghị đang bị xem xét kỷ luật hoặc trong thời hạn kỷ luật"},
    {"L022", kRules, kErr, "sáng kiến đã được dùng để đề nghị khen thưởng khác"},
    {"L023", kRules, kErr, "một người, tập thể hay hộ gia đình được ghi hai lần trong hồ sơ"},
    {"L024", kRules, kWarn, "cùng một người được hai đơn vị đề nghị trong một đợt"},
    {"L025", kRules, kWarn, "hai tên chỉ khác nhau ở dấu"},
    {"L026", kRules, kErr, "cùng hình thức cho cùng thành tích đã được khen thưởng"},
    {"L027", kRules, kErr, "thành tích đã được khen bằng hình thức khác"},
    {"L028", kRules, kWarn, "khen thưởng kê khai trong quá trình không có trong kho lưu trữ"},
    {"L030", kRules, kErr, "họ tên cá nhân có chữ số"},
    {"L031", kRules, kWarn, "họ tên cá nhân viết toàn chữ in hoa"},
    {"L032", kRules, kErr, "tuổi trong năm thành tích ngoài khoảng hợp lý"},
    {"L033", kRules, kErr, "tuổi của người được Giấy khen ngoài khoảng hợp lý"},

    {"M001", kMoney, kErr, "không có bảng hệ số tiền thưởng áp dụng vào ngày quyết định"},
    {"M002", kMoney, kErr, "không có mức lương cơ sở áp dụng vào ngày quyết định"},
    {"M003", kMoney, kErr, "không có quy tắc làm tròn tiền thưởng áp dụng vào ngày quyết định"},
    {"M004", kMoney, kErr, "chế độ tiền thưởng không có hình thức khen thưởng này"},
    {"M005", kMoney, kErr, "chế độ tiền thưởng không quy định hệ số cho tập thể hoặc hộ gia đình"},
    {"M006", kMoney, kErr, "hệ số tiền thưởng là mức của đối tượng khác"},
    {"M010", kMoney, kErr, "không đọc được tệp cấu hình tiền thưởng"},
    {"M011", kMoney, kErr, "tệp cấu hình tiền thưởng không hợp lệ"},
    {"M020", kMoney, kWarn, "dữ kiện tiền thưởng chưa được xác minh"},

    {"N001", kNormalize, kNote, "nội dung hồ sơ đã được chuẩn hóa, cần xác nhận"},

    {"R001", kRender, kErr, "nội dung quá dài, cần nhiều dòng hơn khung của mẫu"},
    {"R002", kRender, kErr, "nội dung quá dài, phải thu nhỏ chữ dưới cỡ tối thiểu của mẫu"},
    {"R003", kRender, kErr, "một khối nội dung cao hơn một trang giấy"},
    {"R004", kRender, kErr, "ký tự không có trong phông chữ của mẫu"},
    {"R010", kRender, kErr, "không tìm thấy mẫu hoặc tên mẫu không hợp lệ"},
    {"R011", kRender, kErr, "tệp mẫu không hợp lệ"},
    {"R012", kRender, kErr, "khổ giấy hoặc lề trang của mẫu không hợp lệ"},
    {"R013", kRender, kErr, "không tìm thấy phông chữ"},
    {"R014", kRender, kErr, "phông chữ chưa được khai báo trong mẫu"},
    {"R015", kRender, kErr, "không tìm thấy tệp hình trong thư mục mẫu"},
    {"R016", kRender, kErr, "tệp cấu hình máy in không đọc được hoặc không hợp lệ"},
    {"R017", kRender, kErr, "không có máy in mang mã này"},
    {"R020", kRender, kErr, "lỗi thư viện PDF (libharu)"},
    {"R021", kRender, kErr, "không hoàn thiện được tệp PDF (qpdf)"},
    {"R022", kRender, kErr, "không đọc được hồ sơ màu sRGB cần cho PDF/A"},
    {"R023", kRender, kErr, "không ghi được tệp PDF"},

    {"T001", kTemplate, kErr, "thẻ «{{» chưa được đóng"},
    {"T002", kTemplate, kErr, "loại khối {{#…}} không tồn tại"},
    {"T003", kTemplate, kErr, "khối {{#…}} thiếu tên biến hoặc chưa được đóng"},
    {"T004", kTemplate, kErr, "thẻ {{else}} đặt sai chỗ"},
    {"T005", kTemplate, kErr, "thẻ đóng không khớp thẻ mở"},
    {"T006", kTemplate, kErr, "không tìm thấy hoặc không đọc được đoạn mẫu"},
    {"T007", kTemplate, kErr, "đoạn mẫu lồng nhau quá sâu"},
    {"T008", kTemplate, kErr, "thẻ rỗng hoặc tên biến không hợp lệ"},
    {"T009", kTemplate, kErr, "thẻ {{#sep}} nằm ngoài {{#each}}"},
    {"T010", kTemplate, kErr, "dữ liệu không có biến mà mẫu cần"},
    {"T020", kTemplate, kErr, "không nạp được lược đồ dữ liệu mẫu"},
    {"T021", kTemplate, kErr, "không có tệp dữ liệu mẫu"},
    {"T022", kTemplate, kErr, "tệp dữ liệu mẫu không hợp lệ"},

    {"U003", kCli, kErr, "lệnh cần tùy chọn --archive"},
    {"U010", kCli, kErr, "không tìm thấy tệp đầu vào"},
    {"U011", kCli, kErr, "lỗi đọc, ghi của bộ lọc tdkt text"},
    {"U020", kCli, kErr, "không có loại khen thưởng nào khớp với tên đã cho"},
    {"U030", kCli, kErr, "tệp kết quả đã có (dùng --force để ghi đè)"},
    {"U031", kCli, kErr, "không tạo được thư mục kết quả"},
    // U998 and U999 are printed directly by the program (app/main.cpp, app/cli.cpp).
    {"U998", kCli, kErr, "không chạy được chương trình tdkt-full"},
    {"U999", kCli, kErr, "lỗi nội bộ (ngoại lệ không lường trước)"},

    {"V000", kValidate, kErr, "hồ sơ không hợp lệ (lỗi tóm tắt)"},
    {"V001", kValidate, kErr, "cơ quan ban hành không có trong cấu hình"},
    {"V002", kValidate, kErr, "cơ quan ban hành không ban hành quyết định vào ngày này"},
    {"V003", kValidate, kErr,
     "cơ quan ban hành không có thẩm quyền quyết định loại khen thưởng này"},
    {"V004", kValidate, kErr, "đề nghị khen thưởng không có ai được đề nghị"},
    {"V009", kValidate, kWarn, "năm quyết định không khớp năm của đợt khen thưởng"},
    {"V012", kValidate, kErr, "chỉ có ký tự vô hình, không có nội dung đọc được"},
    {"V013", kValidate, kWarn, "một người được đề nghị nhiều hình thức khen thưởng"},
    {"V014", kValidate, kErr, "loại khen thưởng không có trong danh mục"},
    {"V015", kValidate, kErr,
     "danh mục khen thưởng không có quy định cho loại này vào ngày quyết định"},
    {"V016", kValidate, kErr, "loại khen thưởng không dành cho đối tượng này"},
    {"V017", kValidate, kErr, "thiếu thành tích được in trên bằng/giấy khen"},
    {"V018", kValidate, kErr, "sáng kiến không có trong quá trình của người được đề nghị"},
    {"V019", kValidate, kErr, "văn bản dẫn tới mã không có trong hồ sơ"},
    {"V020", kValidate, kErr, "không tìm thấy hoặc không đọc được tệp đính kèm"},
    {"V021", kValidate, kErr, "tệp đính kèm không phải tệp PDF"},
    {"V022", kValidate, kErr, "mã SHA-256 của tệp đính kèm không khớp hồ sơ"},
    {"V023", kValidate, kErr, "tệp đính kèm quá lớn"},
    {"V024", kValidate, kErr, "một người được đề nghị hai lần trong cùng đề nghị"},
    {"V025", kValidate, kErr, "hồ sơ thiếu tờ trình, hoặc tờ trình không có số, ký hiệu"},
    {"V026", kValidate, kErr, "khoảng thời gian thành tích không hợp lệ"},
    {"V027", kValidate, kErr, "khen thưởng đã nhận không ghi loại hay tên"},
    {"V028", kValidate, kErr, "loại khen thưởng đã nhận không có trong danh mục"},
    {"V029", kValidate, kErr, "không phải hồ sơ đề nghị khen thưởng của tdkt"},
    // Also the code of an internal error: DossierValidator made without issuers or catalogue.
    {"V090", kValidate, kErr, "không đọc được tệp cấu hình cơ quan ban hành"},
    {"V091", kValidate, kErr, "tệp cấu hình cơ quan ban hành không hợp lệ"},
    {"V092", kValidate, kErr, "thời gian hiệu lực của một cơ quan ban hành chồng lấn"},
    {"V093", kValidate, kErr, "ngày hết hiệu lực của cơ quan ban hành không sau ngày bắt đầu"},
    {"V095", kValidate, kErr, "một mã lưu trữ dùng cho hai cơ quan ban hành"},
    {"V096", kValidate, kErr, "tệp cấu hình cơ quan ban hành theo phiên bản cũ 1.0"},
    {"V097", kValidate, kErr,
     "tên khen thưởng của cơ quan ban hành dùng loại không có trong danh mục"},

    {"X000", kXml, kErr, "không khởi tạo được bộ phân tích XML (lỗi nội bộ)"},
    {"X001", kXml, kErr, "XML không đúng cú pháp hoặc tệp rỗng"},
    {"X002", kXml, kErr, "tệp không được mã hóa UTF-8"},
    {"X003", kXml, kErr, "khai báo bảng mã XML không phải UTF-8"},
    {"X004", kXml, kErr, "XML có khai báo DOCTYPE hoặc ENTITY"},
    {"X005", kXml, kErr, "không phải tệp XML"},
    {"X006", kXml, kErr, "phần tử có quá nhiều thuộc tính"},
    {"X007", kXml, kErr, "phần tử lồng nhau quá sâu"},
    {"X008", kXml, kErr, "văn bản hoặc giá trị thuộc tính quá dài"},
    {"X009", kXml, kErr, "tệp lớn quá giới hạn đầu vào"},
    {"X010", kXml, kErr, "không đúng lược đồ XSD"},
    {"X011", kXml, kErr, "còn nhiều lỗi lặp lại không được liệt kê"},
    {"X020", kXml, kErr, "không nạp được lược đồ XSD"},
};

constexpr bool strictlySorted() {
    for (std::size_t i = 1; i < std::size(kCodes); ++i) {
        if (!(kCodes[i - 1].code < kCodes[i].code)) {
            return false;
        }
    }
    return true;
}
static_assert(strictlySorted(), "kCodes must be sorted by code, each code once");

} // namespace

const std::vector<CodeInfo>& codeRegistry() {
    static const std::vector<CodeInfo> registry(std::begin(kCodes), std::end(kCodes));
    return registry;
}

const CodeInfo* findCode(std::string_view code) {
    const auto* end = std::end(kCodes);
    const auto* it =
        std::lower_bound(std::begin(kCodes), end, code,
                         [](const CodeInfo& c, std::string_view v) { return c.code < v; });
    return it != end && it->code == code ? it : nullptr;
}

} // namespace tdkt::core
