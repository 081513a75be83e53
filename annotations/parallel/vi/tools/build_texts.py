"""Build corpus/<NNN>-vi.txt and .json from the Vietnamese sentences below.

One-off builder for issue 28 (staged data), the Vietnamese counterpart of
``annotations/parallel/en/tools/build_texts.py``. Sentence i of the Vietnamese list renders
sentence i of the original (translated from the original language, not through English); the
text between sentences (and before the first / after the last) is copied EXACTLY from the
original's sentence offsets, so both versions share their layout. The script only computes
offsets: the sentences themselves are hand work (VI below).

Run from the repository root:  python annotations/parallel/vi/tools/build_texts.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "en" / "tools"))
from versions import write_versions  # noqa: E402  (the one builder of every language's versions)

VI = {
"000-lv": [
"Lãnh đạo Daugavpils và Cáp Nhĩ Tân thảo luận trực tuyến về khả năng mở rộng hợp tác",
"Ngày 12-8, Chủ tịch Hội đồng thành phố Daugavpils Igors Prelatovs và Phó Chủ tịch Līvija Jankovska đã họp trực tuyến với Thị trưởng Cáp Nhĩ Tân (Trung Quốc) Sun Zhe, Chánh Văn phòng Chính quyền Fang Zhenghui, Tổng Giám đốc Văn phòng Ngoại vụ Cao Ru, Tổng Giám đốc Cục Thương mại Sun Yongbin, Tổng Giám đốc Cục Nông nghiệp Ren Yanhui và Giám đốc Bệnh viện số 1 Cáp Nhĩ Tân Li Hong.",
"Trong chuyến thăm trực tuyến, khả năng mở rộng hợp tác trong một số lĩnh vực đã được đem ra thảo luận.",
"Cuộc hội đàm mở đầu bằng lời chúc mừng của Thị trưởng Cáp Nhĩ Tân Sun Zhe gửi tới Daugavpils và người dân nhân dịp kỷ niệm 745 năm thành phố chúng ta.",
"Đại diện thành phố kết nghĩa đánh giá cao sự hợp tác từ trước đến nay trong các lĩnh vực kinh tế, y tế, giáo dục, văn hóa và nhiều lĩnh vực khác, đồng thời kêu gọi tiếp tục và mở rộng sự hợp tác này.",
"Trong cuộc hội đàm, ông Sun Zhi đã mời sinh viên và giảng viên Trường Cao đẳng Y tế Daugavpils, Trường Đại học Daugavpils, cùng đại diện Bệnh viện Khu vực Daugavpils sang thăm Trung Quốc sau khi các hạn chế do đại dịch được dỡ bỏ, và tham gia trao đổi kinh nghiệm với các chuyên gia chăm sóc sức khỏe và phục hồi chức năng của Cáp Nhĩ Tân.",
"Sinh viên, giảng viên và nhà giáo các ngành khác, người làm công tác văn hóa và vận động viên cũng được chào đón.",
"Chủ tịch Hội đồng thành phố Daugavpils Igors Prelatovs cảm ơn lời chúc mừng nhân dịp kỷ niệm thành phố cũng như sự giúp đỡ của Cáp Nhĩ Tân trong thời gian ban bố tình trạng khẩn cấp, bằng việc gửi khẩu trang y tế.",
"Ông bày tỏ vui mừng vì hiện nay tình hình dịch tễ ở cả hai thành phố đều ổn định, điều này cho phép không dừng lại mà tiến lên phía trước, làm việc vì lợi ích của người dân và tiếp tục hợp tác.",
"Về phần mình, Phó Chủ tịch Hội đồng Līvija Jankovska cảm ơn đại diện Cáp Nhĩ Tân về lời mời cũng như sự hợp tác lâu dài và thành công từ trước đến nay trong lĩnh vực y tế, đánh giá cao những lợi ích mà việc trao đổi kinh nghiệm giữa các chuyên gia, nhà giáo và sinh viên y khoa ở cấp độ quốc tế mang lại.",
"Kết thúc cuộc gặp, hai bên nhận định rằng, dù hiện tại việc liên lạc chỉ có thể diễn ra từ xa, điều đó không cản trở việc lên kế hoạch cho các dự án mới và bắt tay thực hiện chúng, giúp sự hợp tác ngày càng hiệu quả hơn.",
"Và cả Daugavpils lẫn Cáp Nhĩ Tân đều có ý tưởng để làm được điều đó.",
"Phòng Quan hệ công chúng và Tiếp thị Hội đồng thành phố Daugavpils.",
],
"001-ru": [
"Trong khuôn khổ chuyến thăm chính thức của bốn đoàn đại biểu tới thủ phủ của tỉnh, đại diện ngành y tế thành phố Hắc Hà đã đến thăm các cơ sở y tế và điều dưỡng tại Yuzhno-Sakhalinsk.",
"Tháp tùng các vị khách đến từ Trung Quốc có Phó Thị trưởng Elena Fedorova và giám đốc sở phụ trách chính sách xã hội Elvira Yurkova, Hãng tin SakhalinMedia đưa tin, dẫn nguồn bộ phận báo chí chính quyền Yuzhno-Sakhalinsk.",
"Theo bà Elena Fedorova, thủ phủ của tỉnh hôm nay rộng mở cho hợp tác quốc tế trong nhiều lĩnh vực khác nhau.",
"Và hiện nay các vấn đề y tế đang được đặc biệt quan tâm.",
"Nhiều công việc lớn đang được triển khai theo dự án \"Chăm sóc. Bảo vệ. Tôn trọng\" của Thống đốc Valery Limarenko, dự án mà ngoài những mục tiêu khác còn tạo cú hích mạnh mẽ cho việc nâng cao chất lượng dịch vụ y tế.",
"Theo đó, trong chương trình làm việc, các vị khách đến từ xứ Trung Hoa đã được giới thiệu về năng lực y tế và tiềm năng nguồn lực ở cấp thành phố và cấp tỉnh.",
"Lãnh đạo một số cơ sở y tế của Hắc Hà đã đến tham quan tìm hiểu Trung tâm Ung bướu tỉnh Sakhalin, Phòng khám Đa khoa Trung tâm, đồng thời thăm các khu điều dưỡng \"Aralia\" và \"Sinegorskiye Mineralnye Vody\", nơi họ có thể đánh giá các phương pháp nâng cao sức khỏe, các loại hình dịch vụ y tế, các chương trình phục hồi chức năng cho bệnh nhân, v.v.",
"— Chúng tôi rất vui được giới thiệu với các đồng nghiệp Trung Quốc tiềm năng nguồn lực của mình.",
"Chúng tôi đã đưa họ đi tham quan khuôn viên khu điều dưỡng, xem các phòng trị liệu.",
"Các vị khách của chúng tôi cũng đã có dịp cảm nhận không chỉ khí hậu tuyệt vời nơi đây mà cả các mẫu bùn khoáng chữa bệnh tự nhiên và nước khoáng.",
"Ngoài ra, tất nhiên, chúng tôi đã thảo luận về khả năng hợp tác và trao đổi kinh nghiệm, — Tổng Giám đốc Công ty cổ phần \"Khu điều dưỡng \"Sinegorskiye Mineralnye Vody\" Alexei Peshkov cho biết.",
"Tương tác với các đồng nghiệp và đối tác nước ngoài luôn là kinh nghiệm quý báu và là cơ hội tốt cho sự phát triển kinh tế - xã hội của thành phố, cho việc đẩy mạnh hợp tác trên nhiều hướng và tăng cường các mối quan hệ quốc tế.",
"— Thật đáng mừng khi các chuyên gia từ nhiều thành phố và quốc gia khác nhau bay đến Yuzhno-Sakhalinsk để học hỏi kinh nghiệm của chúng tôi, và chúng tôi có cơ hội trao đổi những cách làm tốt nhất, kể cả ở cấp độ quốc tế.",
"Hôm nay, khi Yuzhno-Sakhalinsk đang tập trung phát triển du lịch y tế, điều này càng đặc biệt thiết thực đối với chúng tôi, — bà Elvira Yurkova nhấn mạnh.",
"Sau chuyến thăm chính thức của đoàn đại biểu Trung Quốc, triển vọng hợp tác tiếp theo đã được vạch ra.",
"Đại diện giới y tế thành phố Hắc Hà cũng đề xuất một số hướng trong lĩnh vực y học mà họ có thể thực hành tại Yuzhno-Sakhalinsk.",
],
"002-fa": [
"Quảng Châu và Tây An gửi hai lô hàng viện trợ y tế tới Isfahan",
"Tổng giám đốc phụ trách truyền thông và quan hệ quốc tế của Chính quyền thành phố Isfahan:",
"Các mối liên kết và thư từ qua lại giữa Isfahan với các thành phố kết nghĩa nhằm vượt qua những khó khăn do Covid-19 gây ra đã đơm hoa kết trái: hơn một trăm thùng vật tư y tế gồm khẩu trang, quần áo cách ly và kính bảo hộ đã được gửi từ Tây An và Quảng Châu, trao cho thành phố Isfahan để phân phát cho đội ngũ nhân viên y tế.",
"Trong khuôn khổ đó, số vật phẩm do thành phố Tây An tặng Isfahan với khẩu hiệu \"Tình bạn trong những ngày gian khó\" đã được trao cho Đại học Khoa học Y tế Isfahan để phân phát.",
"Theo phóng viên của chúng tôi tại Isfahan, Tổng giám đốc phụ trách truyền thông và quan hệ quốc tế của Chính quyền thành phố Isfahan, khi cho biết rằng lúc Covid-19 bùng phát chúng tôi phải đối mặt với một căn bệnh khiến việc hình dung tình hình hai tháng tới trở nên khó khăn, đã nói: bất chấp thách thức này, chúng tôi vẫn có thể nhìn thấy tình hình của các thành phố bị ảnh hưởng trước chúng tôi và sử dụng kinh nghiệm của họ.",
"Khi đề cập việc trong dịch bệnh này chúng tôi đã sử dụng sáng kiến của các thành phố khác trên thế giới về khử trùng đường phố và về loại chất khử trùng nên dùng, ông nói: có thể nói rằng trong dịch bệnh này các thành phố đã đến giúp đỡ nhau và đã tìm thấy nhau.",
"Tổng giám đốc phụ trách truyền thông và quan hệ quốc tế của Chính quyền thành phố Isfahan cho biết: trước khi Iran bị Covid-19 tấn công, Tây An, thành phố kết nghĩa của Isfahan, nằm trong khu vực đang phải vật lộn với căn bệnh này.",
"Ngay trong những ngày đầu Tết Nguyên đán, Thị trưởng Isfahan đã viết thư gửi Thị trưởng Tây An (thành phố kết nghĩa Trung Quốc của Isfahan) để chúc mừng và bày tỏ sự đồng cảm với người dân Tây An, và trong thư trả lời, ông được cho biết Tây An đang gặp rất nhiều khó khăn.",
"Ông Hojjati cho biết thêm: vì vậy chúng tôi đang chuẩn bị để giúp đỡ Tây An thì Iran cũng bị Covid-19 tấn công, và việc gửi hàng viện trợ cho Tây An đã bị hủy bỏ vì lý do kỹ thuật và vì nhu cầu trang thiết bị trong nước.",
"Khi đề cập việc Chính quyền thành phố Isfahan, cùng với các tổ chức khác, cũng đã tiến hành giáo dục và nâng cao nhận thức của người dân về Covid-19 trong lĩnh vực truyền thông, ông nói thêm: từ đầu tháng Esfand năm 1398 đến cuối tháng Farvardin năm 1399, khoảng 20 bộ thiết kế dưới dạng các chiến dịch khác nhau đã được Chính quyền thành phố Isfahan chuẩn bị và lắp đặt, hoặc thông báo và công bố dưới nhiều hình thức.",
"Tổng giám đốc phụ trách truyền thông và quan hệ quốc tế của Chính quyền thành phố Isfahan khẳng định: cũng trong những ngày này, chúng tôi đã tận dụng năng lực của bộ phận đối ngoại của chính quyền thành phố để củng cố những mối quan hệ đã phai nhạt trong những năm gần đây, và bắt đầu thư từ qua lại với các thành phố kết nghĩa của Isfahan.",
"Ký kết thỏa thuận kết nghĩa giữa Isfahan và thành phố Hyderabad của Ấn Độ trong những ngày tới",
"Ông Hojjati cho biết: quan hệ giữa thành phố Isfahan với Barcelona, vốn cần được tăng cường, trong hoàn cảnh này đã trở lại bình thường và được tái thiết lập.",
"Do trụ sở của Metropolis (Hiệp hội các đô thị lớn thế giới) đặt tại Barcelona, hiệp hội này đã lập một trang web để các thành phố thành viên chia sẻ kinh nghiệm về Covid-19, và Chính quyền thành phố Isfahan, tận dụng cơ hội này, đã chia sẻ với các thành phố khác kinh nghiệm của mình về khử trùng đường phố, thông tin và giáo dục cộng đồng.",
"Tổng giám đốc phụ trách truyền thông và quan hệ quốc tế của Chính quyền thành phố Isfahan nói: tiếp theo hành động của nền ngoại giao chính thức của đất nước nhằm phát động chiến dịch «Không với lệnh trừng phạt trong tình hình Covid-19», Thị trưởng Isfahan cũng đã tham gia hành động này và tiến hành tham vấn với các thành phố kết nghĩa và các mạng lưới đô thị, và trong một thông điệp của Chủ tịch Hiệp hội INTA (Hiệp hội Phát triển Đô thị Quốc tế) đã khẳng định rằng chúng tôi sát cánh cùng Iran bất chấp các lệnh trừng phạt.",
"Ông cũng thông báo về việc chuẩn bị một bức tranh màu nước, tác phẩm của danh họa Motie, để tri ân các điều dưỡng nhân Ngày Quốc tế Điều dưỡng, và cho biết: bản sao của bức tranh này sẽ được tặng cho tất cả các bệnh viện đang điều trị Covid-19 tại thành phố Isfahan, còn bản gốc của tác phẩm sẽ được tặng cho Bộ Y tế trong chuyến thăm Isfahan của Bộ trưởng Y tế.",
"Ông Hojjati thông báo về việc Chính quyền thành phố Isfahan trình dự thảo về việc ký kết thỏa thuận kết nghĩa giữa Isfahan và thành phố Hyderabad của Ấn Độ, với tư cách là thành phố kết nghĩa thứ mười bốn, trong những ngày tới, và cho biết: chính quyền thành phố cũng đang trong quá trình tham gia ba mạng lưới đô thị trong các lĩnh vực thành phố thông minh, phát triển đô thị bền vững và thành phố học tập.",
],
"003-uk": [
"Kamianske và Wuppertal trở thành thành phố đối tác",
"Thị trưởng Andriy Bilousov đang có chuyến thăm chính thức tới thành phố Wuppertal, Cộng hòa Liên bang Đức.",
"“Quan hệ đối tác của chúng tôi với thành phố Wuppertal bắt đầu từ năm 2023, trong khuôn khổ chương trình hỗ trợ của Cơ quan Dịch vụ «Các thành phố trong một thế giới» (SKEW).",
"Kể từ đó, chúng tôi đã tổ chức một loạt cuộc họp trực tuyến, triển khai các sáng kiến nhân đạo và xác định các hướng hợp tác tiếp theo.",
"Tháng 5 năm nay, thành phố chúng tôi đã đón đoàn đại biểu Wuppertal, qua đó khẳng định sự quan tâm chung đến việc phát triển quan hệ đối tác.",
"Tháng 7, Hội đồng thành phố Wuppertal đã thông qua quyết định khởi động dự án đối tác chính thức với Kamianske.",
"Tôi đã gặp Thị trưởng Wuppertal Uwe Schneidewind và Phó Thị trưởng thứ nhất Heiner Fragemann.",
"Chúng tôi đã thảo luận các hướng hợp tác chủ chốt và những dự án tương lai sẽ góp phần vào sự phát triển của Kamianske.",
"Trong chuyến thăm, cùng với thư ký hội đồng thành phố Natalia Ktitarova và giám đốc sở kinh tế Halyna Yermolenko, tôi đã tham dự các sự kiện nhân Ngày Thống nhất nước Đức, cũng như tham gia hoạt động của nhóm chuyên đề các thành phố kết nghĩa.",
"Những cuộc gặp như vậy làm sâu sắc thêm quan hệ giữa các thành phố của chúng ta.",
"Quan hệ đối tác với Wuppertal mở ra thêm cơ hội tham gia các dự án quốc tế, thực hiện các chương trình hỗ trợ cộng đồng, thu hút những ý tưởng và cách làm mới sẽ trực tiếp phục vụ sự phát triển của cộng đồng chúng ta.",
"Ngày mai sẽ diễn ra lễ ký kết trọng thể Thỏa thuận Hợp tác giữa Kamianske và Wuppertal — một bước quan trọng, mở ra giai đoạn mới trong việc phát triển liên kết quốc tế và quan hệ đối tác giữa các thành phố của chúng ta”, – Thị trưởng thành phố cho biết.",
"Olena",
],
}

TITLES = {  # the original's title in Vietnamese; None where the original has none
    "000-lv": VI["000-lv"][0],
    "001-ru": None,
    "002-fa": VI.get("002-fa", [None])[0],
    "003-uk": VI.get("003-uk", [None])[0],
}
PUBLISHERS = {
    "000-lv": "Phòng Quan hệ công chúng và Tiếp thị Hội đồng thành phố Daugavpils",
    "001-ru": "Hãng tin SakhalinMedia",
    "002-fa": None,
    "003-uk": None,
}
TRANSLATION = (
    "Translated into Vietnamese from the original language ({lang}) directly, not through English "
    "or any other translation, sentence by sentence (sentence i renders sentence i; no merges or "
    "splits), by an AI model working as translator under written instructions (faithfulness; "
    "names as a Vietnamese-language outlet writes them; dates in Vietnamese conventions; a "
    "counterpart kept for every annotated mention where Vietnamese allows it). The English "
    "version was consulted only after the draft, to check the reading of the original. "
    "No human translator was involved. A second reading is still to be made (issue 28)."
)
LICENCE = (
    "Derived from the original article {doc} (a translation of it): same terms as the original; "
    "see DATASHEET.md. Translationese: not independent Vietnamese news text."
)


def build(root: Path, docs: list[str] | None = None) -> None:
    write_versions(root, "vi", "Latn", VI, TITLES, PUBLISHERS, TRANSLATION, LICENCE,
                   docs or ())


if __name__ == "__main__":
    build(Path.cwd(), sys.argv[1:])
