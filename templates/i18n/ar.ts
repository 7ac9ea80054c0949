/**
 * The shipped Arabic catalog (written for this project, Modern Standard Arabic). Brand names
 * (LinkedIn, Apple, Google Play…) stay in Latin script as they appear on those services. Plural
 * entries carry all six CLDR categories of `Intl.PluralRules("ar")`: zero, one, two, few, many,
 * other. Strings are in logical order; the layout sets `dir="rtl"`.
 */
import type { CatalogMessage } from "./catalog.ts";
import type { MsgId } from "./en.ts";

/** Arabic strings by msgid. */
export const ar: Readonly<Record<MsgId, CatalogMessage>> = {
  // Shared layout (head, header, footer)
  "{platform_name} Email": "رسالة بريد إلكتروني من {platform_name}",
  "Go to {platform_name} Home Page":
    "الانتقال إلى الصفحة الرئيسية لـ {platform_name}",
  "My Account": "حسابي",
  "{platform_name} on LinkedIn": "{platform_name} على LinkedIn",
  "{platform_name} on Twitter": "{platform_name} على Twitter",
  "{platform_name} on Facebook": "{platform_name} على Facebook",
  "{platform_name} on Google Plus": "{platform_name} على Google Plus",
  "{platform_name} on Reddit": "{platform_name} على Reddit",
  "Download the iOS app on the Apple Store": "نزّل تطبيق iOS من متجر Apple",
  "Download the Android app on the Google Play Store":
    "نزّل تطبيق Android من متجر Google Play",
  "View on Web": "العرض في المتصفح",
  "Unsubscribe from this list": "إلغاء الاشتراك في هذه القائمة",
  "© {year} {platform_name}, All rights reserved.":
    "© {year} {platform_name}. جميع الحقوق محفوظة.",
  "Our mailing address is:": "عنواننا البريدي:",
  "Unsubscribe from these emails.": "إلغاء الاشتراك في هذه الرسائل.",
  // Upsell block
  "Don't miss the opportunity to highlight your new knowledge and skills by earning a verified certificate. Upgrade by {user_schedule_upgrade_deadline_time}.":
    "لا تفوّت فرصة إبراز معارفك ومهاراتك الجديدة بالحصول على شهادة موثّقة. قم بالترقية بحلول {user_schedule_upgrade_deadline_time}.",
  "Upgrade Now": "الترقية الآن",
  // recurringnudge_day3
  "Keep learning in {course_name}": "واصل التعلّم في {course_name}",
  "Keep learning on {platform_name}": "واصل التعلّم على {platform_name}",
  "Remember when you enrolled in {course_name} on {platform_name}? We do, and we're glad to have you! Come see what everyone is learning.":
    "هل تذكر عندما سجّلت في {course_name} على {platform_name}؟ نحن نذكر ذلك، ويسعدنا وجودك معنا! تعال لترى ما يتعلّمه الجميع.",
  "Remember when you enrolled in {course_name}, and other courses on {platform_name}? We do, and we're glad to have you! Come see what everyone is learning.":
    "هل تذكر عندما سجّلت في {course_name} ودورات أخرى على {platform_name}؟ نحن نذكر ذلك، ويسعدنا وجودك معنا! تعال لترى ما يتعلّمه الجميع.",
  "Keep learning today.": "واصل التعلّم اليوم.",
  "Start learning now": "ابدأ التعلّم الآن",
  // recurringnudge_day10
  "Keep up the momentum!": "حافظ على حماسك!",
  "Many {platform_name} learners in {course_name} are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?":
    "يحلّ كثير من متعلّمي {platform_name} في {course_name} مزيدًا من التمارين كل أسبوع، ويشاركون في منتديات النقاش. ماذا تريد أن تفعل لتواصل التعلّم؟",
  "Many {platform_name} learners are completing more problems every week, and participating in the discussion forums. What do you want to do to keep learning?":
    "يحلّ كثير من متعلّمي {platform_name} مزيدًا من التمارين كل أسبوع، ويشاركون في منتديات النقاش. ماذا تريد أن تفعل لتواصل التعلّم؟",
  "Keep learning": "واصل التعلّم",
  // upgradereminder
  "Upgrade to earn a verified certificate on {platform_name}":
    "قم بالترقية للحصول على شهادة موثّقة على {platform_name}",
  "Upgrade to earn a verified certificate in {first_course_name}":
    "قم بالترقية للحصول على شهادة موثّقة في {first_course_name}",
  "We hope you are enjoying learning with us so far on {platform_name}! A verified certificate allows you to highlight your new knowledge and skills. An {platform_name} certificate is official and easily shareable.":
    "نأمل أنك تستمتع بالتعلّم معنا حتى الآن على {platform_name}! تتيح لك الشهادة الموثّقة إبراز معارفك ومهاراتك الجديدة. شهادة {platform_name} رسمية ويسهل مشاركتها.",
  "We hope you are enjoying learning with us so far in {first_course_name}! A verified certificate allows you to highlight your new knowledge and skills. An {platform_name} certificate is official and easily shareable.":
    "نأمل أنك تستمتع بالتعلّم معنا حتى الآن في {first_course_name}! تتيح لك الشهادة الموثّقة إبراز معارفك ومهاراتك الجديدة. شهادة {platform_name} رسمية ويسهل مشاركتها.",
  "Upgrade by {user_schedule_upgrade_deadline_time}.":
    "قم بالترقية بحلول {user_schedule_upgrade_deadline_time}.",
  "Upgrade now": "الترقية الآن",
  "You are eligible to upgrade in this course:": {
    zero: "يمكنك الترقية في هذه الدورات:",
    one: "يمكنك الترقية في هذه الدورة:",
    two: "يمكنك الترقية في هاتين الدورتين:",
    few: "يمكنك الترقية في هذه الدورات:",
    many: "يمكنك الترقية في هذه الدورات:",
    other: "يمكنك الترقية في هذه الدورات:",
  },
  "Example of a verified certificate": "مثال على شهادة موثّقة",
  "Upgrade now at": "قم بالترقية الآن عبر",
  // instructorledcourseupdate
  "{course_name} Weekly Update": "المستجدات الأسبوعية في {course_name}",
  "Welcome to week {week_num} of {course_name}!":
    "مرحبًا بك في الأسبوع {week_num} من {course_name}!",
  "We hope you're enjoying {course_name}! We want to let you know what you can look forward to in the coming weeks:":
    "نأمل أنك تستمتع بـ {course_name}! نودّ أن نطلعك على ما ينتظرك في الأسابيع القادمة:",
  "We encourage you to spend time with the course each week. Your focused attention will pay off in the end!":
    "نشجّعك على تخصيص وقت للدورة كل أسبوع. سيؤتي تركيزك ثماره في النهاية!",
  "Resume your course now": "استأنف دورتك الآن",
  // courseupdate
  "Welcome to week {week_num}": "مرحبًا بك في الأسبوع {week_num}",
  "We hope you're enjoying {course_name}! We want to let you know what you can look forward to in week {week_num}:":
    "نأمل أنك تستمتع بـ {course_name}! نودّ أن نطلعك على ما ينتظرك في الأسبوع {week_num}:",
  "With self-paced courses, you learn on your own schedule. We encourage you to spend time with the course each week. Your focused attention will pay off in the end!":
    "في الدورات ذاتية الوتيرة، تتعلّم وفق جدولك الخاص. نشجّعك على تخصيص وقت للدورة كل أسبوع. سيؤتي تركيزك ثماره في النهاية!",
};
