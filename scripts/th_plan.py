"""Thai translations of the road maintenance plan (cddp:maintenanceplan, core/maintenance.py)."""

TH = {
    # Processing algorithm
    "Road maintenance plan within a budget": "แผนซ่อมบำรุงถนนภายในงบประมาณ",
    "Ranks the rated road sections for repair and picks the set that does the most good within BUDGET (baht).\n\n"
    "Each section's treatment follows its condition band (PCI, or PASER converted to a PCI equivalent); its cost is its area (area_sqm, else length × road width, else 6 m) × the unit cost of the treatment in baht/m² (defaults: routine=60; preservation=150; overlay=400; reconstruct=900 — set your own prices in UNIT_COSTS), rounded up to 1,000 baht. "
    "Its benefit is the PCI gain × length, weighted by the households it serves (households linked to parcels within SERVE_DISTANCE of the section, each counted for its nearest section only) and the vulnerable residents among them (elderly, homebound or bedridden, disabled): per 100 m of road, each household adds HOUSEHOLD_WEIGHT and each vulnerable resident VULNERABLE_WEIGHT to a weight of 1.\n\n"
    "The selection is an exact 0/1 knapsack (dynamic programming after a reduction) when its size allows, else the best plan found by a greedy selection by benefit per baht, improved around the break-even, with its gap to the optimum's upper bound reported. "
    "Output: the sections that need work, ranked (selected first), with cost, benefit, households and vulnerable residents served and the cumulative cost; a summary table (km, baht, households served, method, gap). Only counts of residents are written, never names.": "จัดลำดับช่วงถนนที่ประเมินสภาพแล้วเพื่อการซ่อม และเลือกชุดช่วงถนนที่ให้ประโยชน์มากที่สุดภายในงบประมาณ BUDGET (บาท)\n\n"
    "วิธีซ่อมของแต่ละช่วงเป็นไปตามระดับสภาพ (PCI หรือ PASER ที่แปลงเป็นค่าเทียบเท่า PCI) ค่าซ่อมคือพื้นที่ (area_sqm หรือความยาว × ความกว้างถนน หรือ 6 ม.) × ราคาต่อหน่วยของวิธีซ่อมเป็นบาท/ตร.ม. (ค่าเริ่มต้น: routine=60; preservation=150; overlay=400; reconstruct=900 — กำหนดราคากลางของท่านเองใน UNIT_COSTS) ปัดขึ้นเป็นหลักพันบาท "
    "ประโยชน์คือค่า PCI ที่เพิ่มขึ้น × ความยาว ถ่วงน้ำหนักด้วยครัวเรือนที่ถนนให้บริการ (ครัวเรือนที่เชื่อมโยงกับแปลงที่ดินภายในระยะ SERVE_DISTANCE จากช่วงถนน นับให้ช่วงที่ใกล้ที่สุดเพียงช่วงเดียว) และผู้อยู่อาศัยกลุ่มเปราะบางในครัวเรือนเหล่านั้น (ผู้สูงอายุ ผู้ป่วยติดบ้านหรือติดเตียง ผู้พิการ): ต่อถนน 100 ม. แต่ละครัวเรือนเพิ่มน้ำหนัก HOUSEHOLD_WEIGHT และผู้อยู่อาศัยกลุ่มเปราะบางแต่ละคนเพิ่ม VULNERABLE_WEIGHT จากน้ำหนักฐาน 1\n\n"
    "การเลือกใช้ปัญหาเป้ใส่ของแบบ 0/1 ที่แก้แบบแม่นตรง (กำหนดการพลวัตหลังการลดขนาดปัญหา) เมื่อขนาดเอื้ออำนวย มิฉะนั้นใช้แผนที่ดีที่สุดที่หาได้จากการเลือกแบบละโมบตามประโยชน์ต่อบาท ซึ่งปรับปรุงรอบจุดคุ้มทุนแล้ว พร้อมรายงานส่วนต่างจากขอบบนของค่าที่ดีที่สุด "
    "ผลลัพธ์: ช่วงถนนที่ต้องซ่อมเรียงตามลำดับ (ช่วงที่เลือกอยู่ก่อน) พร้อมค่าซ่อม ประโยชน์ จำนวนครัวเรือนและผู้อยู่อาศัยกลุ่มเปราะบางที่ได้รับประโยชน์ และค่าใช้จ่ายสะสม และตารางสรุป (กม. บาท ครัวเรือนที่ได้รับประโยชน์ วิธีการ ส่วนต่าง) บันทึกเฉพาะจำนวนผู้อยู่อาศัย ไม่มีชื่อบุคคล",
    "Budget (baht)": "งบประมาณ (บาท)",
    "Unit costs in baht/m² (e.g. routine=60; preservation=150; overlay=400; reconstruct=900)": "ราคาต่อหน่วย บาท/ตร.ม. (เช่น routine=60; preservation=150; overlay=400; reconstruct=900)",
    "Parcels served: distance to the section (m)": "แปลงที่ดินที่ถนนให้บริการ: ระยะห่างจากช่วงถนน (ม.)",
    "Weight of a household served (per 100 m)": "น้ำหนักต่อครัวเรือนที่ได้รับประโยชน์ (ต่อถนน 100 ม.)",
    "Weight of a vulnerable resident served (per 100 m)": "น้ำหนักต่อผู้อยู่อาศัยกลุ่มเปราะบางที่ได้รับประโยชน์ (ต่อถนน 100 ม.)",
    "Maintenance plan (ranked sections)": "แผนซ่อมบำรุง (ช่วงถนนเรียงตามลำดับ)",
    "Maintenance plan summary": "สรุปแผนซ่อมบำรุง",
    "Sections selected": "จำนวนช่วงถนนที่เลือก",
    "Road selected (km)": "ระยะทางถนนที่เลือก (กม.)",
    "Cost of the plan (baht)": "ค่าใช้จ่ายตามแผน (บาท)",
    "Households served": "ครัวเรือนที่ได้รับประโยชน์",
    "Vulnerable residents served": "ผู้อยู่อาศัยกลุ่มเปราะบางที่ได้รับประโยชน์",
    "Gap to the optimum's upper bound (%)": "ส่วนต่างจากขอบบนของค่าที่ดีที่สุด (%)",
    "{n} road sections: {unrated} unrated, {good} need no work, {candidates} need work (cost of all: {need:,.0f} baht).": "ช่วงถนน {n} ช่วง: ยังไม่ประเมิน {unrated} ช่วง ไม่ต้องซ่อม {good} ช่วง ต้องซ่อม {candidates} ช่วง (ค่าซ่อมทั้งหมด {need:,.0f} บาท)",
    "Selected {selected} sections, {km:.2f} km, {cost:,.0f} of {budget:,.0f} baht ({left:,.0f} left), serving {households} households with {vulnerable} vulnerable residents.": "เลือก {selected} ช่วง ระยะทาง {km:.2f} กม. ใช้งบ {cost:,.0f} จาก {budget:,.0f} บาท (เหลือ {left:,.0f} บาท) ให้บริการ {households} ครัวเรือน มีผู้อยู่อาศัยกลุ่มเปราะบาง {vulnerable} คน",
    "Optimal plan (exact knapsack): benefit {benefit:.3f}.": "แผนที่ดีที่สุด (แก้ปัญหาเป้ใส่ของแบบแม่นตรง): ประโยชน์ {benefit:.3f}",
    "Greedy plan: benefit {benefit:.3f}, at most {gap:.4f} % below the optimum (upper bound {bound:.3f}).": "แผนแบบละโมบ: ประโยชน์ {benefit:.3f} ต่ำกว่าค่าที่ดีที่สุดไม่เกิน {gap:.4f} % (ขอบบน {bound:.3f})",
    "Plan improved around the break-even (exact there, greedy elsewhere): benefit {benefit:.3f}, at most {gap:.4f} % below the optimum (upper bound {bound:.3f}).": "แผนที่ปรับปรุงรอบจุดคุ้มทุน (แม่นตรงในช่วงนั้น แบบละโมบในส่วนอื่น): ประโยชน์ {benefit:.3f} ต่ำกว่าค่าที่ดีที่สุดไม่เกิน {gap:.4f} % (ขอบบน {bound:.3f})",
    "{n} sections have no area; their area is length × road width (6 m where the road has no width or lanes).": "{n} ช่วงไม่มีข้อมูลพื้นที่ จึงใช้ความยาว × ความกว้างถนน (6 ม. หากถนนไม่มีข้อมูลความกว้างหรือจำนวนช่องจราจร)",
    "{n} sections that need work have no length and were left out.": "{n} ช่วงที่ต้องซ่อมไม่มีความยาว จึงไม่ได้นำมาพิจารณา",
    # core/maintenance.py
    "The budget must be a number of baht greater than 0; got {value}.": "งบประมาณต้องเป็นจำนวนเงินบาทที่มากกว่า 0 แต่ได้รับ {value}",
    "There are no road sections to plan; import roads and cut them into sections (cddp:segmentroads) first.": "ไม่มีช่วงถนนให้วางแผน ให้นำเข้าถนนและแบ่งเป็นช่วงสำรวจ (cddp:segmentroads) ก่อน",
    "None of the {n} road sections has a condition rating (PCI or PASER); enter inspections and run cddp:roadcondition first.": "ช่วงถนนทั้ง {n} ช่วงยังไม่มีผลประเมินสภาพ (PCI หรือ PASER) ให้บันทึกผลการสำรวจและเรียกใช้ cddp:roadcondition ก่อน",
    "The road sections need a length_m column or line geometries.": "ช่วงถนนต้องมีคอลัมน์ length_m หรือรูปเรขาคณิตแบบเส้น",
    "{layer} has no coordinate reference system; the plan measures metres.": "{layer} ไม่มีระบบพิกัดอ้างอิง แต่การวางแผนต้องวัดระยะเป็นเมตร",
    "{layer} is in a geographic CRS ({crs}); the plan measures metres, so use a projected CRS such as UTM.": "{layer} ใช้ระบบพิกัดภูมิศาสตร์ ({crs}) แต่การวางแผนวัดระยะเป็นเมตร ให้ใช้ระบบพิกัดฉาย เช่น UTM",
    "Unit cost '{item}' is not of the form treatment=baht per m² (e.g. overlay=400).": "ราคาต่อหน่วย '{item}' ไม่อยู่ในรูป วิธีซ่อม=บาทต่อตร.ม. (เช่น overlay=400)",
    "Unknown treatment '{name}' in the unit costs; use routine, preservation, overlay or reconstruct.": "ไม่รู้จักวิธีซ่อม '{name}' ในราคาต่อหน่วย ให้ใช้ routine, preservation, overlay หรือ reconstruct",
    "The unit cost of {name} must be a number of baht per m²; got '{value}'.": "ราคาต่อหน่วยของ {name} ต้องเป็นตัวเลขบาทต่อตร.ม. แต่ได้รับ '{value}'",
    "The unit cost of {name} must be more than 0 baht per m²; got {value}.": "ราคาต่อหน่วยของ {name} ต้องมากกว่า 0 บาทต่อตร.ม. แต่ได้รับ {value}",
    "The unit cost of {name} is given twice.": "ระบุราคาต่อหน่วยของ {name} ซ้ำสองครั้ง",
    "The household weight must be a number of 0 or more; got {value}.": "น้ำหนักของครัวเรือนต้องเป็นตัวเลขตั้งแต่ 0 ขึ้นไป แต่ได้รับ {value}",
    "The vulnerable-resident weight must be a number of 0 or more; got {value}.": "น้ำหนักของผู้อยู่อาศัยกลุ่มเปราะบางต้องเป็นตัวเลขตั้งแต่ 0 ขึ้นไป แต่ได้รับ {value}",
    "The serving distance must be a number of metres greater than 0; got {value}.": "ระยะให้บริการต้องเป็นระยะทางเป็นเมตรที่มากกว่า 0 แต่ได้รับ {value}",
    "Unknown selection method '{value}'; use auto, exact or greedy.": "ไม่รู้จักวิธีการเลือก '{value}' ให้ใช้ auto, exact หรือ greedy",
    "An exact plan would need {cells} dynamic-programming cells for {items} sections (limit {limit}); use the greedy method.": "แผนแบบแม่นตรงต้องใช้ตารางกำหนดการพลวัต {cells} ช่อง สำหรับ {items} ช่วง (จำกัด {limit} ช่อง) ให้ใช้วิธีแบบละโมบ (greedy)",
    "The maintenance plan was cancelled.": "ยกเลิกการจัดทำแผนซ่อมบำรุงแล้ว",
}
