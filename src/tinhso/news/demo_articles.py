"""The demo articles of the portal, 2016–2017: the department's real activities as the year-end review
of 2016 tells them (../shared/seed/000_cb3c2c061f0e3771.txt) — the journalists' spring gathering, Ngày
sách Việt Nam, the UPU letter-writing contest, the MDEC 2016 press centre, the exhibitions on Hoàng Sa
and Trường Sa, the DVB-T2 set-top boxes for poor households, criterion 8 of the new countryside, the
six training classes, the inspections, online public services and the 2017 targets — and what
followed in 2017. Figures are the seed's; dates within the year, places and wording are invented.

Each entry: (published on, category, title, summary, body paragraphs).
"""

from __future__ import annotations

import datetime as dt

D = dt.date

ARTICLES: list[tuple[dt.date, str, str, str, list[str]]] = [
    (
        D(2016, 1, 28),
        "tin_hoat_dong",
        "Họp mặt Nhà báo và Văn nghệ sĩ Xuân Bính Thân 2016",
        "Sở Thông tin và Truyền thông tham mưu UBND tỉnh tổ chức họp mặt Nhà báo và Văn nghệ sĩ "
        "Xuân Bính Thân 2016 với hơn 200 đại biểu tham dự.",
        [
            "Tại buổi họp mặt, lãnh đạo UBND tỉnh ghi nhận những đóng góp của đội ngũ những người làm "
            "báo, văn nghệ sĩ trong công tác tuyên truyền các chủ trương, chính sách của Đảng, pháp luật "
            "của Nhà nước và các nhiệm vụ phát triển kinh tế - xã hội của tỉnh trong năm 2015.",
            "Hơn 200 đại biểu là phóng viên các cơ quan báo chí Trung ương thường trú tại tỉnh, Báo Hậu "
            "Giang, Đài Phát thanh - Truyền hình Hậu Giang và các văn nghệ sĩ trong tỉnh đã tham dự.",
        ],
    ),
    (
        D(2016, 2, 22),
        "thong_bao",
        "Thông báo lịch tiếp công dân năm 2016 của Sở Thông tin và Truyền thông",
        "Lãnh đạo Sở tiếp công dân định kỳ vào ngày thứ Năm của tuần thứ hai hằng tháng tại trụ sở Sở.",
        [
            "Thực hiện Luật Tiếp công dân, Sở Thông tin và Truyền thông thông báo lịch tiếp công dân "
            "năm 2016: Giám đốc Sở tiếp công dân định kỳ vào ngày thứ Năm của tuần thứ hai hằng tháng; "
            "ngoài lịch định kỳ, Văn phòng Sở tiếp nhận đơn thư trong giờ hành chính các ngày làm việc.",
            "Công dân đến liên hệ mang theo giấy tờ tùy thân và tài liệu liên quan đến nội dung cần "
            "phản ánh, kiến nghị.",
        ],
    ),
    (
        D(2016, 3, 21),
        "tin_hoat_dong",
        "Phát động cuộc thi viết thư Quốc tế UPU lần thứ 46 năm 2016",
        "Sở Thông tin và Truyền thông phối hợp Sở Giáo dục và Đào tạo, Bưu điện tỉnh tổ chức Lễ phát "
        "động cuộc thi viết thư Quốc tế UPU lần thứ 46 cho học sinh trong tỉnh.",
        [
            "Cuộc thi viết thư Quốc tế UPU do Liên minh Bưu chính Thế giới tổ chức hằng năm dành cho "
            "thanh thiếu niên đến 15 tuổi, nhằm nâng cao khả năng sáng tác văn học, khả năng biểu đạt "
            "suy nghĩ và tăng cường tình hữu nghị giữa các quốc gia.",
            "Bài dự thi gửi qua mạng bưu chính công cộng về Ban Tổ chức cấp tỉnh; các bài xuất sắc được "
            "chọn tham dự vòng chung khảo toàn quốc.",
        ],
    ),
    (
        D(2016, 4, 21),
        "tin_hoat_dong",
        "Ngày sách Việt Nam lần thứ 2 năm 2016 thu hút gần 5.000 lượt bạn đọc",
        "Ngày sách Việt Nam lần thứ 2 năm 2016 tại tỉnh Hậu Giang đã thu hút gần 5.000 lượt bạn đọc "
        "tham gia.",
        [
            "Chương trình gồm trưng bày, giới thiệu sách, giao lưu với tác giả, thi kể chuyện theo sách "
            "và tặng sách cho học sinh có hoàn cảnh khó khăn.",
            "Ngày sách Việt Nam (21/4) nhằm khuyến khích, phát triển phong trào đọc sách trong cộng đồng, "
            "xây dựng văn hóa đọc, nâng cao dân trí.",
        ],
    ),
    (
        D(2016, 5, 10),
        "tin_hoat_dong",
        "Kiểm tra công tác tuyên truyền bầu cử tại 8/8 huyện, thị xã, thành phố",
        "Sở Thông tin và Truyền thông kiểm tra công tác tuyên truyền bầu cử đại biểu Quốc hội khóa XIV "
        "và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2016 - 2021 tại 8/8 huyện, thị xã, thành phố.",
        [
            "Qua kiểm tra, Sở đã đề nghị các địa phương trang bị, bổ sung thêm thiết bị, máy móc, loa để "
            "phục vụ tốt hơn công tác tuyên truyền ở cơ sở, nhất là tại các ấp, khu vực xa trung tâm.",
            "Sở cũng đề nghị Bộ Thông tin và Truyền thông hỗ trợ bộ ảnh triển lãm Bác Hồ với bầu cử "
            "Quốc hội để phục vụ tuyên truyền tại địa phương.",
        ],
    ),
    (
        D(2016, 6, 2),
        "tin_hoat_dong",
        "Thành lập Trung tâm Báo chí phục vụ Diễn đàn MDEC - Hậu Giang 2016",
        "Sở Thông tin và Truyền thông tham mưu Tiểu ban Thông tin tuyên truyền MDEC - Hậu Giang 2016 "
        "thành lập Trung tâm Báo chí và Trang thông tin điện tử phục vụ Diễn đàn.",
        [
            "Trung tâm Báo chí là nơi cung cấp thông tin, tài liệu, bố trí chỗ làm việc và đường truyền "
            "Internet cho phóng viên các cơ quan báo chí đưa tin về Diễn đàn Hợp tác kinh tế Đồng bằng "
            "sông Cửu Long (MDEC) năm 2016.",
            "Trang thông tin điện tử của Diễn đàn cập nhật chương trình, tin tức, hình ảnh các hoạt động "
            "bên lề và danh mục dự án kêu gọi đầu tư của tỉnh.",
        ],
    ),
    (
        D(2016, 6, 20),
        "thong_bao",
        "Thông báo phát hành 180.000 tờ rơi tuyên truyền số hóa truyền hình",
        "Sở Thông tin và Truyền thông vận động tài trợ và phát hành 180.000 tờ rơi tuyên truyền số hóa "
        "truyền dẫn, phát sóng truyền hình mặt đất.",
        [
            "Tờ rơi hướng dẫn người dân cách thu tín hiệu truyền hình số mặt đất DVB-T2, cách lựa chọn "
            "đầu thu, ti vi tích hợp và lộ trình ngừng phát sóng truyền hình tương tự.",
            "Tờ rơi được cấp phát qua Đài Truyền thanh các huyện, thị xã, thành phố và UBND các xã, "
            "phường, thị trấn.",
        ],
    ),
    (
        D(2016, 7, 1),
        "van_ban_moi",
        "Luật An toàn thông tin mạng có hiệu lực từ ngày 01/7/2016",
        "Luật An toàn thông tin mạng số 86/2015/QH13 được Quốc hội thông qua ngày 19/11/2015, có hiệu "
        "lực thi hành từ ngày 01/7/2016.",
        [
            "Luật quy định về hoạt động an toàn thông tin mạng, quyền, trách nhiệm của cơ quan, tổ chức, "
            "cá nhân trong bảo đảm an toàn thông tin mạng; mật mã dân sự; tiêu chuẩn, quy chuẩn kỹ thuật "
            "về an toàn thông tin mạng; kinh doanh trong lĩnh vực an toàn thông tin mạng.",
            "Sở Thông tin và Truyền thông đề nghị các cơ quan, đơn vị trong tỉnh tổ chức phổ biến nội dung "
            "Luật đến cán bộ, công chức, viên chức và rà soát, phân loại hệ thống thông tin theo cấp độ.",
        ],
    ),
    (
        D(2016, 7, 18),
        "tin_hoat_dong",
        "Tập huấn công tác thông tin đối ngoại và cung cấp thông tin cho báo chí",
        "Sở Thông tin và Truyền thông mở lớp tập huấn công tác thông tin đối ngoại và cung cấp thông "
        "tin cho báo chí cho cán bộ các sở, ngành, địa phương.",
        [
            "Học viên được giới thiệu các quy định về phát ngôn và cung cấp thông tin cho báo chí, kỹ năng "
            "tổ chức họp báo và trả lời phỏng vấn, cùng những định hướng của công tác thông tin đối ngoại "
            "trong tình hình mới.",
            "Lớp tập huấn là một trong 06 lớp tập huấn chuyên ngành Sở tổ chức trong năm 2016.",
        ],
    ),
    (
        D(2016, 8, 26),
        "tin_hoat_dong",
        "Hội thao và họp mặt kỷ niệm Ngày truyền thống Ngành Thông tin và Truyền thông 28/8",
        "Sở Thông tin và Truyền thông tổ chức hội thao và họp mặt kỷ niệm 71 năm Ngày truyền thống "
        "Ngành Thông tin và Truyền thông (28/8/1945 - 28/8/2016).",
        [
            "Hội thao gồm các môn bóng đá mini, cầu lông, bóng bàn và kéo co với sự tham gia của các "
            "doanh nghiệp bưu chính, viễn thông, Báo Hậu Giang, Đài Phát thanh - Truyền hình và các "
            "phòng, đơn vị trực thuộc Sở.",
            "Tại buổi họp mặt, các thế hệ cán bộ của Ngành ôn lại truyền thống và trao đổi kinh nghiệm "
            "thực hiện nhiệm vụ những tháng cuối năm.",
        ],
    ),
    (
        D(2016, 9, 12),
        "tin_hoat_dong",
        "Triển lãm “Hoàng Sa, Trường Sa của Việt Nam - Những bằng chứng lịch sử và pháp lý”",
        "Sở Thông tin và Truyền thông phối hợp Sở Văn hóa, Thể thao và Du lịch tổ chức 15 cuộc triển "
        "lãm bản đồ và trưng bày tư liệu tại 8/8 huyện, thị xã, thành phố với hơn 19.000 lượt tham quan.",
        [
            "Triển lãm giới thiệu các bản đồ, châu bản, tư liệu do Việt Nam và nước ngoài xuất bản, khẳng "
            "định chủ quyền của Việt Nam đối với hai quần đảo Hoàng Sa, Trường Sa.",
            "Đông đảo cán bộ, học sinh, sinh viên và nhân dân đã đến tham quan, góp phần nâng cao nhận "
            "thức về chủ quyền biển, đảo của Tổ quốc.",
        ],
    ),
    (
        D(2016, 9, 28),
        "buu_chinh_vien_thong",
        "Hoàn thành hỗ trợ đầu thu truyền hình số DVB-T2 đợt 1 cho 30.429 hộ",
        "Hậu Giang hoàn thành hỗ trợ đầu thu truyền hình số mặt đất DVB-T2 đợt 1 cho 30.429 hộ nghèo, "
        "cận nghèo theo Đề án số hóa truyền dẫn, phát sóng truyền hình mặt đất.",
        [
            "Mỗi hộ được nhận một đầu thu DVB-T2 kèm ăng-ten và được hướng dẫn lắp đặt, dò kênh ngay tại "
            "điểm cấp phát ở UBND xã, phường, thị trấn.",
            "Sở Thông tin và Truyền thông đề nghị UBND các huyện, thị xã, thành phố tiếp tục rà soát, lập "
            "danh sách hộ đủ điều kiện nhận hỗ trợ ở đợt tiếp theo.",
        ],
    ),
    (
        D(2016, 10, 14),
        "tin_hoat_dong",
        "Hỗ trợ Đoàn phóng viên Truyền hình Al Jazeera (Qatar) tác nghiệp tại Long Mỹ",
        "Sở Thông tin và Truyền thông phối hợp Văn phòng UBND tỉnh và các đơn vị liên quan hỗ trợ Đoàn "
        "phóng viên Truyền hình Al Jazeera (Qatar) hoạt động báo chí tại xã Vĩnh Viễn A, huyện Long Mỹ.",
        [
            "Đoàn thực hiện phóng sự về sản xuất nông nghiệp và đời sống người dân vùng trũng Long Mỹ "
            "trước tác động của biến đổi khí hậu.",
            "Sở đã hướng dẫn thủ tục, bố trí cán bộ phối hợp và cung cấp thông tin theo quy định về hoạt "
            "động của phóng viên nước ngoài tại Việt Nam.",
        ],
    ),
    (
        D(2016, 10, 25),
        "chuyen_doi_so",
        "Tập huấn chữ ký số và an toàn, an ninh thông tin cho cán bộ, công chức",
        "Sở Thông tin và Truyền thông tổ chức tập huấn sử dụng chữ ký số và bảo đảm an toàn, an ninh "
        "thông tin cho cán bộ, công chức các sở, ngành, địa phương.",
        [
            "Học viên được hướng dẫn ký số văn bản điện tử trên phần mềm quản lý văn bản, kiểm tra chữ ký "
            "số và các biện pháp phòng chống mã độc, lừa đảo qua thư điện tử.",
            "Việc sử dụng chữ ký số giúp rút ngắn thời gian luân chuyển văn bản và giảm chi phí in ấn, gửi "
            "văn bản giấy giữa các cơ quan nhà nước.",
        ],
    ),
    (
        D(2016, 11, 8),
        "tin_hoat_dong",
        "Tập huấn kỹ năng viết bài Ấn phẩm Xuân Đinh Dậu 2017",
        "Sở Thông tin và Truyền thông tập huấn kỹ năng viết bài, biên tập Ấn phẩm Xuân Đinh Dậu 2017 "
        "cho cán bộ làm công tác thông tin cơ sở.",
        [
            "Nội dung tập huấn gồm cách chọn đề tài, kỹ năng viết tin, bài phản ánh về thành tựu phát triển "
            "kinh tế - xã hội của địa phương và cách chọn ảnh minh họa phù hợp.",
            "Các ấn phẩm xuân là kênh tuyên truyền quan trọng đến với người dân dịp Tết Nguyên đán.",
        ],
    ),
    (
        D(2016, 11, 22),
        "cai_cach_hanh_chinh",
        "Công bố 100% dịch vụ công trực tuyến mức độ 3 và 4 của Sở Thông tin và Truyền thông",
        "Sở Thông tin và Truyền thông xây dựng Cổng thông tin điện tử theo công nghệ mới và công bố "
        "100% dịch vụ công trực tuyến mức độ 3 và 4.",
        [
            "Tổ chức, cá nhân có thể nộp hồ sơ, theo dõi tiến độ giải quyết và nhận kết quả các thủ tục "
            "hành chính lĩnh vực thông tin và truyền thông qua mạng, không phải đến trụ sở cơ quan.",
            "Sở đồng thời áp dụng hiệu quả phần mềm quản lý văn bản và phần mềm một cửa điện tử nhằm tạo "
            "thuận lợi cho các cá nhân, tổ chức khi thực hiện thủ tục hành chính.",
        ],
    ),
    (
        D(2016, 12, 5),
        "buu_chinh_vien_thong",
        "Kết quả thanh tra, kiểm tra năm 2016: xử lý 25 trường hợp vi phạm",
        "Sở Thông tin và Truyền thông phối hợp các cơ quan chức năng tiến hành 09 cuộc thanh tra, kiểm "
        "tra (vượt 02 cuộc so với kế hoạch), phát hiện và xử lý 25 trường hợp vi phạm.",
        [
            "Các cuộc thanh tra, kiểm tra tập trung vào các lĩnh vực bưu chính, viễn thông, Internet, xuất "
            "bản phẩm và tần số vô tuyến điện.",
            "Các trường hợp vi phạm đã nộp ngân sách Nhà nước 64.000.000 đồng tiền phạt.",
        ],
    ),
    (
        D(2016, 12, 15),
        "buu_chinh_vien_thong",
        "Hạ tầng viễn thông năm 2016: tăng 35 trạm BTS và 41.684 thuê bao điện thoại",
        "So với năm 2015, hạ tầng trạm BTS toàn tỉnh tăng 35 trạm, thuê bao điện thoại tăng 41.684 thuê bao.",
        [
            "Dịch vụ viễn thông và Internet băng thông rộng với tốc độ truyền tải dữ liệu cao, hỗ trợ nhiều "
            "dịch vụ giải trí được các doanh nghiệp phát triển mạnh trên địa bàn.",
            "Sở Thông tin và Truyền thông tiếp tục phối hợp các doanh nghiệp dùng chung hạ tầng, chỉnh "
            "trang mạng cáp treo và bảo đảm thông tin liên lạc phục vụ phòng, chống thiên tai.",
        ],
    ),
    (
        D(2016, 12, 20),
        "tin_hoat_dong",
        "53 xã được tái công nhận đạt Tiêu chí số 8 về bưu điện",
        "Sở Thông tin và Truyền thông khảo sát và tái công nhận 53 xã đạt Tiêu chí số 8, công nhận mới "
        "01 xã, nâng tổng số xã đạt tiêu chí trên toàn tỉnh lên 54/54 xã, đạt 100%.",
        [
            "Tiêu chí số 8 trong Bộ tiêu chí quốc gia về xây dựng nông thôn mới gồm có điểm phục vụ bưu "
            "chính viễn thông và có Internet đến thôn, ấp.",
            "Kết quả góp phần vào thành tích xây dựng nông thôn mới của tỉnh.",
        ],
    ),
    (
        D(2016, 12, 29),
        "tin_hoat_dong",
        "Sở Thông tin và Truyền thông tỉnh Hậu Giang triển khai nhiệm vụ công tác năm 2017",
        "Ngày 27/12/2016, Sở Thông tin và Truyền thông Hậu Giang tổ chức tổng kết năm 2016, triển khai "
        "nhiệm vụ công tác trọng tâm và phát động phong trào thi đua năm 2017.",
        [
            "Tham dự và chỉ đạo buổi triển khai có ông Phạm Văn Tửu, Giám đốc Sở cùng đại diện lãnh đạo "
            "Phòng Văn hóa và Thông tin, Đài Truyền thanh các huyện, thị, thành phố và lãnh đạo các phòng, "
            "đơn vị trực thuộc Sở.",
            "Năm 2017, ngành Thông tin và Truyền thông tỉnh phấn đấu hoàn thành 02 chỉ tiêu được giao: đạt "
            "96 thuê bao điện thoại/100 dân và 06 thuê bao Internet băng thông rộng/100 dân.",
            "Dịp này, Sở đã trao Giấy khen cho 6 tập thể Đài Truyền thanh, Phòng Văn hóa - Thông tin có "
            "nhiều thành tích trong công tác thi đua năm 2016.",
        ],
    ),
    (
        D(2017, 1, 2),
        "van_ban_moi",
        "Luật Báo chí năm 2016 có hiệu lực từ ngày 01/01/2017",
        "Luật Báo chí số 103/2016/QH13 được Quốc hội thông qua ngày 05/4/2016, có hiệu lực thi hành từ "
        "ngày 01/01/2017.",
        [
            "Luật quy định về quyền tự do báo chí, quyền tự do ngôn luận trên báo chí của công dân; tổ "
            "chức và hoạt động báo chí; quyền, nghĩa vụ của cơ quan, tổ chức, cá nhân hoạt động báo chí và "
            "quản lý nhà nước về báo chí.",
            "Sở Thông tin và Truyền thông đề nghị các cơ quan báo chí địa phương, các đơn vị có bản tin, "
            "trang thông tin điện tử tổng hợp nghiên cứu, thực hiện đúng các quy định mới.",
        ],
    ),
    (
        D(2017, 1, 16),
        "thong_bao",
        "Thông báo lịch nghỉ Tết Nguyên đán Đinh Dậu 2017",
        "Cán bộ, công chức, viên chức Sở Thông tin và Truyền thông nghỉ Tết Nguyên đán Đinh Dậu từ "
        "ngày 26/01/2017 đến hết ngày 01/02/2017.",
        [
            "Bộ phận tiếp nhận và trả kết quả tạm ngừng tiếp nhận hồ sơ trực tiếp trong thời gian nghỉ Tết; "
            "hồ sơ nộp trực tuyến trên Cổng dịch vụ công được tiếp nhận từ ngày 02/02/2017.",
            "Các phòng, đơn vị phân công trực bảo đảm thông tin liên lạc thông suốt trong dịp Tết.",
        ],
    ),
    (
        D(2017, 1, 20),
        "tin_hoat_dong",
        "Họp mặt Nhà báo và Văn nghệ sĩ Xuân Đinh Dậu 2017",
        "UBND tỉnh tổ chức họp mặt Nhà báo và Văn nghệ sĩ Xuân Đinh Dậu 2017 do Sở Thông tin và Truyền "
        "thông tham mưu.",
        [
            "Lãnh đạo tỉnh đánh giá cao vai trò của báo chí trong tuyên truyền các sự kiện lớn của năm "
            "2016 như bầu cử đại biểu Quốc hội và Hội đồng nhân dân các cấp, Diễn đàn MDEC 2016.",
            "Buổi họp mặt cũng là dịp để các cơ quan báo chí, văn nghệ sĩ đóng góp ý kiến cho công tác "
            "cung cấp thông tin của các sở, ngành.",
        ],
    ),
    (
        D(2017, 2, 24),
        "chuyen_doi_so",
        "Triển khai phần mềm quản lý văn bản và điều hành liên thông trong tỉnh",
        "Sở Thông tin và Truyền thông hướng dẫn các cơ quan nhà nước gửi, nhận văn bản điện tử liên "
        "thông qua phần mềm quản lý văn bản và điều hành.",
        [
            "Văn bản điện tử có chữ ký số được gửi, nhận giữa các sở, ngành và UBND các huyện, thị xã, "
            "thành phố, giảm dần việc gửi văn bản giấy.",
            "Các cơ quan được đề nghị cập nhật danh sách tài khoản, phân quyền người dùng và cử cán bộ đầu "
            "mối hỗ trợ kỹ thuật.",
        ],
    ),
    (
        D(2017, 3, 15),
        "thong_bao",
        "Thông báo danh sách hộ nghèo, cận nghèo nhận hỗ trợ đầu thu DVB-T2 đợt 2",
        "Danh sách bổ sung 3.554 hộ nghèo, cận nghèo đủ điều kiện nhận hỗ trợ đầu thu truyền hình số "
        "mặt đất đợt 2 được niêm yết tại UBND các xã, phường, thị trấn.",
        [
            "Hộ có tên trong danh sách mang theo giấy chứng nhận hộ nghèo, cận nghèo và giấy tờ tùy thân "
            "đến nhận đầu thu theo lịch của từng xã.",
            "Mọi thắc mắc về danh sách xin liên hệ UBND cấp xã hoặc Phòng Văn hóa và Thông tin cấp huyện "
            "trong thời gian niêm yết.",
        ],
    ),
    (
        D(2017, 3, 24),
        "tin_hoat_dong",
        "Phát động cuộc thi viết thư Quốc tế UPU lần thứ 47 năm 2017",
        "Cuộc thi viết thư Quốc tế UPU lần thứ 47 được phát động tại tỉnh với sự tham gia của học sinh "
        "các trường trung học.",
        [
            "Ban Tổ chức khuyến khích các trường đưa cuộc thi vào hoạt động ngoại khóa, giúp học sinh rèn "
            "luyện kỹ năng viết thư và tìm hiểu về mạng bưu chính.",
            "Các bài dự thi đạt giải cấp tỉnh được gửi tham dự vòng chung khảo toàn quốc.",
        ],
    ),
    (
        D(2017, 4, 21),
        "tin_hoat_dong",
        "Hưởng ứng Ngày sách Việt Nam 21/4/2017 tại Hậu Giang",
        "Hưởng ứng Ngày sách Việt Nam 21/4, Sở Thông tin và Truyền thông phối hợp các đơn vị tổ chức "
        "trưng bày, giới thiệu sách và giao lưu văn hóa đọc.",
        [
            "Chương trình dành nhiều hoạt động cho thiếu nhi như thi vẽ tranh, kể chuyện theo sách và "
            "tặng sách cho thư viện các trường học vùng sâu.",
            "Các nhà sách, nhà xuất bản giảm giá nhiều đầu sách phục vụ bạn đọc trong những ngày diễn ra "
            "chương trình.",
        ],
    ),
    (
        D(2017, 5, 11),
        "cai_cach_hanh_chinh",
        "Tiếp nhận hồ sơ cấp giấy phép trực tuyến trên Cổng dịch vụ công",
        "Tổ chức, doanh nghiệp có thể nộp hồ sơ đề nghị cấp giấy phép lĩnh vực in, xuất bản, phát hành "
        "xuất bản phẩm và thông tin điện tử qua Cổng dịch vụ công trực tuyến.",
        [
            "Sau khi nộp, người nộp nhận mã hồ sơ để tra cứu tiến độ; kết quả được thông báo qua thư điện "
            "tử và tin nhắn.",
            "Việc nộp hồ sơ trực tuyến giúp giảm thời gian đi lại và chi phí cho doanh nghiệp, góp phần "
            "nâng cao chỉ số cải cách hành chính của tỉnh.",
        ],
    ),
    (
        D(2017, 6, 8),
        "chuyen_doi_so",
        "Tập huấn phần mềm quản lý cán bộ, công chức, viên chức",
        "Sở Thông tin và Truyền thông tập huấn sử dụng phần mềm quản lý hồ sơ cán bộ, công chức, viên "
        "chức cho cán bộ làm công tác tổ chức của các cơ quan, đơn vị.",
        [
            "Học viên được hướng dẫn cập nhật hồ sơ, quá trình công tác, đào tạo, khen thưởng và kết xuất "
            "báo cáo thống kê đội ngũ trên phần mềm.",
            "Dữ liệu thống nhất giúp cơ quan có thẩm quyền tra cứu, tổng hợp nhanh, phục vụ công tác quy "
            "hoạch, bổ nhiệm cán bộ.",
        ],
    ),
    (
        D(2017, 6, 21),
        "tin_hoat_dong",
        "Kỷ niệm 92 năm Ngày Báo chí cách mạng Việt Nam",
        "Nhân kỷ niệm 92 năm Ngày Báo chí cách mạng Việt Nam (21/6/1925 - 21/6/2017), Sở Thông tin và "
        "Truyền thông phối hợp Hội Nhà báo tỉnh tổ chức họp mặt các cơ quan báo chí.",
        [
            "Tại buổi họp mặt, đại biểu trao đổi về thực hiện Luật Báo chí năm 2016 và quy hoạch phát "
            "triển, quản lý báo chí toàn quốc đến năm 2025.",
            "Các cơ quan báo chí địa phương được ghi nhận đã phản ánh kịp thời các sự kiện chính trị, "
            "kinh tế - xã hội của tỉnh.",
        ],
    ),
    (
        D(2017, 7, 12),
        "tin_hoat_dong",
        "Tập huấn tuyên truyền bảo đảm trật tự an toàn giao thông",
        "Lớp tập huấn giúp cán bộ Đài Truyền thanh và cộng tác viên thông tin cơ sở nâng cao kỹ năng "
        "tuyên truyền về trật tự an toàn giao thông.",
        [
            "Học viên được giới thiệu các quy định mới về xử phạt vi phạm hành chính trong lĩnh vực giao "
            "thông đường bộ, đường thủy nội địa và cách xây dựng chương trình phát thanh phù hợp.",
            "Tuyên truyền thường xuyên trên hệ thống truyền thanh cơ sở góp phần kéo giảm tai nạn giao "
            "thông trên địa bàn tỉnh.",
        ],
    ),
    (
        D(2017, 8, 25),
        "tin_hoat_dong",
        "Họp mặt kỷ niệm 72 năm Ngày truyền thống Ngành Thông tin và Truyền thông",
        "Sở Thông tin và Truyền thông tổ chức họp mặt kỷ niệm 72 năm Ngày truyền thống Ngành (28/8/1945 "
        "- 28/8/2017) và hội thao chào mừng.",
        [
            "Các doanh nghiệp bưu chính, viễn thông, cơ quan báo chí và các đơn vị trực thuộc Sở đã tham "
            "gia các môn thi đấu thể thao trong tinh thần đoàn kết.",
            "Lãnh đạo Sở biểu dương các tập thể, cá nhân có thành tích xuất sắc trong 8 tháng đầu năm.",
        ],
    ),
    (
        D(2017, 9, 6),
        "buu_chinh_vien_thong",
        "Chỉnh trang mạng cáp viễn thông tại trung tâm thành phố Vị Thanh",
        "Sở Thông tin và Truyền thông phối hợp các doanh nghiệp viễn thông chỉnh trang, thu hồi cáp "
        "treo không sử dụng trên các tuyến đường trung tâm thành phố Vị Thanh.",
        [
            "Việc chỉnh trang bảo đảm mỹ quan đô thị, an toàn cho người đi đường và tạo điều kiện ngầm hóa "
            "mạng cáp theo quy hoạch hạ tầng viễn thông thụ động của tỉnh.",
            "Các doanh nghiệp được đề nghị dùng chung cột, cống bể cáp để tiết kiệm chi phí đầu tư.",
        ],
    ),
    (
        D(2017, 9, 20),
        "thong_bao",
        "Thông báo kế hoạch thanh tra, kiểm tra lĩnh vực thông tin và truyền thông quý IV năm 2017",
        "Sở Thông tin và Truyền thông thông báo kế hoạch thanh tra, kiểm tra các cơ sở in, phát hành "
        "xuất bản phẩm và đại lý Internet trong quý IV năm 2017.",
        [
            "Các cơ sở thuộc diện kiểm tra chuẩn bị giấy phép, sổ sách và hồ sơ liên quan theo quy định.",
            "Việc kiểm tra nhằm hướng dẫn các cơ sở chấp hành đúng quy định của pháp luật, kịp thời chấn "
            "chỉnh các sai sót.",
        ],
    ),
    (
        D(2017, 10, 10),
        "buu_chinh_vien_thong",
        "Hoàn thành cấp đầu thu DVB-T2 cho hộ nghèo, cận nghèo đợt 2",
        "Các hộ nghèo, cận nghèo trong danh sách đợt 2 đã được cấp đầu thu truyền hình số mặt đất, "
        "sẵn sàng cho lộ trình tắt sóng truyền hình tương tự.",
        [
            "Tổ kỹ thuật của doanh nghiệp cung cấp thiết bị đã hướng dẫn người dân lắp đặt, dò kênh và xử "
            "lý các sự cố thường gặp.",
            "Người dân cần hỗ trợ kỹ thuật có thể liên hệ Phòng Văn hóa và Thông tin cấp huyện hoặc số điện "
            "thoại hỗ trợ được in trên phiếu bảo hành.",
        ],
    ),
    (
        D(2017, 10, 26),
        "chuyen_doi_so",
        "Diễn tập ứng cứu sự cố an toàn thông tin mạng năm 2017",
        "Đội ứng cứu sự cố máy tính của tỉnh tham gia diễn tập ứng cứu sự cố an toàn thông tin mạng "
        "với tình huống tấn công thay đổi giao diện trang thông tin điện tử.",
        [
            "Qua diễn tập, các thành viên được rèn luyện quy trình phát hiện, phân tích, khắc phục sự cố và "
            "phối hợp với cơ quan chuyên trách của Bộ Thông tin và Truyền thông.",
            "Sở đề nghị các cơ quan, đơn vị thường xuyên cập nhật bản vá, sao lưu dữ liệu và kiểm tra an "
            "toàn các hệ thống thông tin đang vận hành.",
        ],
    ),
    (
        D(2017, 11, 16),
        "van_ban_moi",
        "Thông tư 32/2017/TT-BTTTT về cung cấp dịch vụ công trực tuyến",
        "Bộ Thông tin và Truyền thông ban hành Thông tư số 32/2017/TT-BTTTT quy định về cung cấp dịch vụ "
        "công trực tuyến và bảo đảm khả năng truy cập thuận tiện đối với trang thông tin điện tử, cổng "
        "thông tin điện tử của cơ quan nhà nước.",
        [
            "Thông tư quy định các yêu cầu đối với dịch vụ công trực tuyến, việc thống kê, đánh giá mức độ "
            "sử dụng và khả năng truy cập thuận tiện của cổng thông tin điện tử.",
            "Sở Thông tin và Truyền thông sẽ hướng dẫn các sở, ngành, địa phương rà soát, nâng cấp cổng, "
            "trang thông tin điện tử đáp ứng các yêu cầu mới.",
        ],
    ),
    (
        D(2017, 11, 29),
        "cai_cach_hanh_chinh",
        "Khảo sát sự hài lòng của người dân khi giải quyết thủ tục hành chính",
        "Sở Thông tin và Truyền thông lấy ý kiến tổ chức, cá nhân về mức độ hài lòng đối với việc giải "
        "quyết thủ tục hành chính tại Bộ phận tiếp nhận và trả kết quả.",
        [
            "Người dân có thể đánh giá trực tiếp tại Bộ phận một cửa hoặc trên Cổng dịch vụ công sau khi "
            "nhận kết quả hồ sơ.",
            "Kết quả khảo sát là căn cứ để Sở cải tiến quy trình, nâng cao chất lượng phục vụ.",
        ],
    ),
    (
        D(2017, 12, 12),
        "tin_hoat_dong",
        "Tập huấn nghiệp vụ thông tin đối ngoại năm 2017",
        "Cán bộ làm công tác thông tin đối ngoại của các sở, ngành, địa phương được tập huấn về thông "
        "tin đối ngoại và quản lý nhà nước về thông tin đối ngoại tại địa phương.",
        [
            "Học viên được giới thiệu cách sử dụng cuốn “Sổ tay công tác thông tin đối ngoại” do Sở biên "
            "soạn, phát hành 500 quyển trong năm 2016.",
            "Lớp tập huấn giúp nâng cao kỹ năng quảng bá hình ảnh địa phương tới bạn bè quốc tế.",
        ],
    ),
    (
        D(2017, 12, 27),
        "tin_hoat_dong",
        "Tổng kết công tác năm 2017, triển khai nhiệm vụ năm 2018",
        "Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết công tác năm 2017 và triển khai nhiệm vụ "
        "trọng tâm năm 2018.",
        [
            "Hội nghị đánh giá kết quả thực hiện các chỉ tiêu được giao năm 2017 về thuê bao điện thoại và "
            "thuê bao Internet băng thông rộng trên 100 dân.",
            "Năm 2018, Ngành tiếp tục đẩy mạnh ứng dụng công nghệ thông tin, xây dựng chính quyền điện tử "
            "và nâng cao chất lượng dịch vụ công trực tuyến.",
        ],
    ),
]
